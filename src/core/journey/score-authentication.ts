import type { FaceDetail } from './face-detail.js';
import { sha256Hex } from '../crypto/sha256-hex.js';

/** faceLivenessScore at or above this is a live face (docs/vendor-api.md#facedetail-thresholds). */
export const LIVENESS_THRESHOLD = 50;

/** What the tester chose (the H5 page's buttons, the admin completion). */
export type ChosenResult = 'PASS' | 'FAIL' | 'INCOMPLETE';
export type FailReason = 'LIVENESS_ATTACK' | 'FACE_MISMATCH';

export interface ScoreInput {
  chosen: ChosenResult;
  /** For FAIL: what the page pretends happened (default LIVENESS_ATTACK). */
  reason?: FailReason;
  /** SHA-256 of the selfie, when one was taken or picked. */
  selfieSha256?: string;
  /** SHA-256 of each of the user's enrolled faces (null for a face forced in without an image), oldest first. */
  enrolled: readonly (string | null)[];
  similarityThreshold: number;
  /** epoch ms for the event timestamps */
  time: number;
}

export interface Scored {
  overallResult: ChosenResult;
  errorCode: string | null;
  faceDetail: FaceDetail | null;
}

/** A number in [0, 1) from the digest of `text`: the kit's scores are a function of their inputs, never random. */
async function unit(text: string): Promise<number> {
  const hex = await sha256Hex(new TextEncoder().encode(text));
  return parseInt(hex.slice(0, 8), 16) / 0x100000000;
}

/**
 * Deterministic scores that mean something (docs/vendor-api.md#kit-choices-for-the-journey): similarity is the
 * best over the enrolled faces, 90..99 for the same image (same SHA-256), 5..39 for another; liveness 80..99
 * for a live face, 2..29 for an attack; PASS exactly when liveness >= 50 and similarity >= the threshold.
 */
export async function scoreAuthentication(input: ScoreInput): Promise<Scored> {
  if (input.chosen === 'INCOMPLETE') return { overallResult: 'INCOMPLETE', errorCode: 'USER_GIVE_UP', faceDetail: null };
  const reason = input.chosen === 'FAIL' ? (input.reason ?? 'LIVENESS_ATTACK') : undefined;
  const newest = [...input.enrolled].reverse().find((sha) => sha !== null);
  // Without a selfie, "pass" and "liveness attack" show the user's own newest face; "face mismatch" a stand-in
  // that matches none.
  const selfie = input.selfieSha256 ?? (reason === 'FACE_MISMATCH' || !newest ? 'kit:no-matching-face' : newest);
  const attack = reason === 'LIVENESS_ATTACK';
  const live = await unit(`liveness:${attack ? 'attack' : 'live'}:${selfie}`);
  const faceLivenessScore = attack ? 2 + Math.floor(live * 28) : 80 + Math.floor(live * 20);
  let faceSimilarityScore = 0;
  for (const face of input.enrolled) {
    const u = await unit(`similarity:${selfie}:${face ?? 'no-image'}`);
    const score = face !== null && face === selfie ? 90 + Math.floor(u * 10) : 5 + Math.floor(u * 35);
    faceSimilarityScore = Math.max(faceSimilarityScore, score);
  }
  const liveOk = faceLivenessScore >= LIVENESS_THRESHOLD;
  const similar = input.enrolled.length > 0 && faceSimilarityScore >= input.similarityThreshold;
  const overallResult = liveOk && similar ? 'PASS' : 'FAIL';
  const errorCode =
    overallResult === 'PASS' ? 'SUCCESS' : !liveOk ? 'LIVENESS_ATTACK' : input.enrolled.length ? 'FACE_MISMATCH' : 'NO_ENROLLED_FACE';
  const events = [
    { event: 'LIVENESS', result: liveOk ? 'PASS' : 'FAIL', createTimestamp: input.time },
    { event: 'FACE_COMPARISON', result: similar ? 'PASS' : 'FAIL', createTimestamp: input.time },
  ];
  return {
    overallResult,
    errorCode,
    faceDetail: {
      faceImage: null,
      faceImageTime: input.time,
      auditImageUrl: null,
      faceLivenessScore,
      faceSimilarityScore,
      livenessAttackType: liveOk ? null : 1,
      livenessType: 'SILENT',
      eventDetails: events,
      faceVideoUrl: null,
    },
  };
}
