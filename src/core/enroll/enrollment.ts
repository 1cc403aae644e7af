/** One stored face: what a SUCCESS enrolled (image facts are null for a forced SUCCESS without a readable image). */
export interface Enrollment {
  userId: string;
  region: string;
  imageSha256: string | null;
  /** The image format by its bytes (the core's ImageFormat). */
  format: 'jpeg' | 'png' | null;
  width: number | null;
  height: number | null;
  byteSize: number | null;
  enrolledAt: string;
  transactionId: string;
}
