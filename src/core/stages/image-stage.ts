import { checkImage } from '../image/check-image.js';
import { classifyFaceImage } from '../image/classify-face-image.js';
import { faceImageBytes } from './face-image-bytes.js';
import type { EnrollContext, Stage } from './stage.js';

/** The image itself: URL download or base64 decode, length, size, format, integrity, dimensions. */
export const imageStage: Stage<EnrollContext> = {
  name: 'image',
  async run(context) {
    if (context.fields === undefined) throw new Error('the image stage runs after the fields stage');
    const body = context.request.body as { faceImage: string };
    // A base64 text is decoded once a request: a rule on faceImageSha256 may have done it already.
    const source = classifyFaceImage(body) === 'url' ? body.faceImage : faceImageBytes(context).decoded();
    const image = await checkImage(source, context.settings.image, context.request.signal);
    if (!image.ok) return { outcome: image.outcome, source: 'check', detail: image.detail };
    context.image = image.image;
    return undefined;
  },
};
