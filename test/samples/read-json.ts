/** Returns the parsed JSON body of a response, typed as `any` so that tests can assert on its fields. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readJson(response: Response): Promise<any> {
  return response.json();
}
