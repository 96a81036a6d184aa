'use strict';
/**
 * Child process that runs one instance of a Lambda function. It loads the
 * handler from the bundled asset once, then runs one invocation for each
 * `invoke` message from the parent. It sends back the result, or the error
 * in Lambda's `{errorType, errorMessage, trace}` shape.
 */
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs'];

let handlerPromise;

function runtimeError(errorType, errorMessage) {
  const error = new Error(errorMessage);
  error.name = errorType;
  return error;
}

async function loadHandler(taskRoot, handlerSetting) {
  const separator = handlerSetting.lastIndexOf('.');
  const modulePath = handlerSetting.slice(0, separator);
  const exportName = handlerSetting.slice(separator + 1);
  const file = MODULE_EXTENSIONS.map((extension) => path.join(taskRoot, modulePath + extension)).find((candidate) =>
    fs.existsSync(candidate),
  );

  if (separator <= 0 || !file) {
    throw runtimeError('Runtime.ImportModuleError', `Error: Cannot find module '${modulePath}' in ${taskRoot}`);
  }

  const loaded = await import(pathToFileURL(file).href);
  const handler = loaded[exportName] ?? loaded.default?.[exportName];
  if (typeof handler !== 'function') {
    throw runtimeError('Runtime.HandlerNotFound', `${modulePath}.${exportName} is undefined or not exported`);
  }
  return handler;
}

function createContext(message) {
  const deadline = Date.now() + message.timeoutMilliseconds;
  return {
    functionName: message.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: message.functionArn,
    memoryLimitInMB: String(message.memorySize),
    awsRequestId: message.requestId,
    logGroupName: `/aws/lambda/${message.functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

function callHandler(handler, event, context) {
  if (handler.length < 3) {
    return Promise.resolve().then(() => handler(event, context));
  }
  return new Promise((resolve, reject) => {
    const callback = (error, result) => (error ? reject(error) : resolve(result));
    const returned = handler(event, context, callback);
    if (returned && typeof returned.then === 'function') {
      returned.then(resolve, reject);
    }
  });
}

function toLambdaError(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || 'Error',
      errorMessage: error.message,
      trace: String(error.stack || '').split('\n'),
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

async function invoke(message) {
  try {
    const handler = await handlerPromise;
    const result = await callHandler(handler, message.event, createContext(message));
    process.send({ requestId: message.requestId, ok: true, payload: result === undefined ? null : result });
  } catch (error) {
    process.send({ requestId: message.requestId, ok: false, error: toLambdaError(error) });
  }
}

// The init phase: load the handler before the first invocation, as Lambda does, so that the
// parent starts the function timeout only once the instance is ready.
handlerPromise = loadHandler(process.env.LAMBDA_TASK_ROOT, process.env._HANDLER);
handlerPromise.then(
  () => process.send({ type: 'ready' }),
  () => process.send({ type: 'ready' }),
);

// An instance whose runtime has gone away (crashed or killed) can return no result, so it exits.
process.on('disconnect', () => process.exit(0));

process.on('message', (message) => {
  if (message && message.type === 'invoke') {
    invoke(message);
  }
});
