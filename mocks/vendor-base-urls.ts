/**
 * The vendor's hosts: the two on the Save Enroll page and the regional ones some versions of it list
 * (docs/vendor-api.md#hosts). Handlers answer on all of them, so an app configured for any host is covered.
 */
export const vendorBaseUrls = [
  'https://sg-api.advance.ai',
  'https://api.advance.ai',
  'https://ph-api.advance.ai',
  'https://th-api.advance.ai',
  'https://my-api.advance.ai',
  'https://vn-api.advance.ai',
] as const;
