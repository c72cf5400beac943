// A Lambda handler for the trigger tests. It hands every event to the test's programme (installed on
// globalThis by test/helpers/lambda-functions.ts), which records it and decides the answer. The same file
// is served by the in-test Lambda Invoke API server and loaded directly in local-module mode.
export async function handler(event, context) {
  const programme = globalThis.__cognateTriggerProgramme;
  if (!programme) throw new Error('no trigger programme installed');
  return programme(event, context);
}
