import { z } from 'zod';

/** The arguments of wx.requestPayment, signed by the server (WeChat Pay APIv3, JSAPI). */
export const RequestPaymentParams = z.object({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.literal('RSA'),
  paySign: z.string(),
});
export type RequestPaymentParams = z.infer<typeof RequestPaymentParams>;

/** Only in sandbox mode: where the h5 build drives the WeChat sandbox (its pay button). */
export const SandboxInfo = z.object({ sandboxUrl: z.string() });
export type SandboxInfo = z.infer<typeof SandboxInfo>;
