// The PreTokenGeneration function of the triggers workload: adds one ID-token claim, as a typical
// deployment does (tenant id from a lookup table kept in memory).
export function handler(event) {
  event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { tenant: 'bench-tenant' } } };
  return event;
}
