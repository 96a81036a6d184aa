import { randomUUID } from 'node:crypto';

import { ServiceError } from '../engine/types';
import { Outbox } from './outbox';

interface SendEmailRequest {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  Content?: {
    Simple?: { Subject?: { Data?: string }; Body?: { Text?: { Data?: string }; Html?: { Data?: string } } };
    Template?: { TemplateName?: string; TemplateData?: string };
    Raw?: { Data?: string };
  };
}

/**
 * Sends an email as SES v2 SendEmail does, as one outbox entry per recipient
 * (To, Cc and Bcc). Rejects with a ServiceError named
 * `SesV2.BadRequestException` for a request without recipients or content.
 */
export function sendEmail(outbox: Outbox, request: Record<string, unknown>): { MessageId: string } {
  const { FromEmailAddress, Destination, Content } = request as SendEmailRequest;
  const recipients = [
    ...(Destination?.ToAddresses ?? []),
    ...(Destination?.CcAddresses ?? []),
    ...(Destination?.BccAddresses ?? []),
  ];

  if (recipients.length === 0) {
    throw new ServiceError('SesV2.BadRequestException', 'Destination has no ToAddresses, CcAddresses or BccAddresses. Add at least one recipient.');
  }
  if (!Content?.Simple && !Content?.Template && !Content?.Raw) {
    throw new ServiceError('SesV2.BadRequestException', 'Content is missing. Set Content.Simple, Content.Template or Content.Raw.');
  }

  const messageId = randomUUID();
  const simple = Content.Simple;
  for (const to of recipients) {
    outbox.add({
      messageId,
      service: 'ses',
      channel: 'email',
      to,
      from: FromEmailAddress,
      subject: simple?.Subject?.Data,
      body: bodyText(Content),
      html: simple?.Body?.Html?.Data,
    });
  }
  return { MessageId: messageId };
}

function bodyText(content: NonNullable<SendEmailRequest['Content']>): string {
  if (content.Simple) {
    return content.Simple.Body?.Text?.Data ?? content.Simple.Body?.Html?.Data ?? '';
  }
  if (content.Template) {
    return `template ${content.Template.TemplateName} with ${content.Template.TemplateData ?? '{}'}`;
  }
  return Buffer.from(content.Raw?.Data ?? '', 'base64').toString('utf8');
}
