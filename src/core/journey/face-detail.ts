/**
 * The kit's FaceDetail (docs/vendor-api.md#facedetail-thresholds): what the journey's scoring decides, and what
 * the authentication store keeps once a journey has ended.
 */
export interface FaceDetail {
  faceImage: string | null;
  faceImageTime: number | null;
  auditImageUrl: null;
  faceLivenessScore: number;
  faceSimilarityScore: number;
  livenessAttackType: 1 | 2 | 3 | null;
  livenessType: string;
  eventDetails: { event: string; result: string; createTimestamp: number }[];
  faceVideoUrl: null;
}
