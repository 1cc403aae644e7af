import { createHash } from 'node:crypto';

/**
 * The few vendor calls a backend makes in the face-authentication journey, with the vendor's token flow
 * (docs/vendor-api.md#token-authentication-api). Point `baseUrl` at the kit's server in development and at
 * https://sg-api.advance.ai (or your region's host) in production: nothing else changes.
 */
export function createAdvanceApi({ baseUrl, accessKey, secretKey }: { baseUrl: string; accessKey: string; secretKey: string }) {
  const family = `${baseUrl}/intl/openapi/identity-risk/idvs-h5/ekyc/v1`;
  let token: { value: string; expires: number } | undefined;

  async function accessToken(): Promise<string> {
    if (token && token.expires - 60_000 > Date.now()) return token.value;
    const timestamp = String(Date.now());
    const signature = createHash('sha256')
      .update(accessKey + secretKey + timestamp)
      .digest('hex');
    const response = await fetch(`${baseUrl}/openapi/auth/ticket/v1/generate-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessKey, timestamp, signature }),
    });
    const body = (await response.json()) as { code: string; message: string; data: { token: string; expiredTime: number } | null };
    if (body.code !== 'SUCCESS' || !body.data) throw new Error(`generate-token answered ${body.code}: ${body.message}`);
    token = { value: body.data.token, expires: body.data.expiredTime };
    return token.value;
  }

  /** One business call: branch on `code`, never on the HTTP status or the message (docs/vendor-api.md#http-status-conventions). */
  async function call<T>(path: string, body: unknown): Promise<{ code: string; message: string; data: T | null; extra: string | null }> {
    const response = await fetch(`${family}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-access-token': await accessToken() },
      body: JSON.stringify(body),
    });
    return response.json() as Promise<{ code: string; message: string; data: T | null; extra: string | null }>;
  }

  return {
    enroll: (userId: string, faceImage: string, region: string) => call<null>('/face-authentication/enroll', { userId, faceImage, region }),
    getEnroll: (userId: string) => call<{ userId: string; imageUrlList: string[] }>('/face-authentication/get-enroll', { userId }),
    deleteEnroll: (userId: string) => call<null>('/face-authentication/delete-enroll', { userId }),
    generateUrl: (body: {
      userId: string;
      region: string;
      returnUrl: string;
      failReturnUrl: string;
      callbackUrl: string;
      bizId?: string;
    }) => call<{ url: string; signatureId: string }>('/generate-face-authentication-url', body),
    getResult: (signatureId: string) =>
      call<{ overallResult: 'PASS' | 'FAIL' | 'INCOMPLETE'; errorCode: string | null; faceDetail: Record<string, unknown> | null }>(
        '/get-result',
        {
          signatureId,
        },
      ),
  };
}
