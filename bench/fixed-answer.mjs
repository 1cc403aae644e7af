// The fixed SUCCESS the bench's own servers answer (bare-server.mjs, drain-server.mjs), as the kit would.
export const fixedAnswer = JSON.stringify({
  code: 'SUCCESS',
  message: 'OK',
  data: null,
  extra: null,
  transactionId: 'ed8b21c0c87ad617',
  pricingStrategy: 'FREE',
});
