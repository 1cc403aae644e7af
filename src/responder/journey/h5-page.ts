import type { Authentication } from '../../state/authentication-store.js';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The mock's H5 page (docs/vendor-api.md#h5-flow): who is being authenticated, their enrolled faces, a selfie
 * (camera where the browser allows it, else a file) and the outcomes a tester may choose. On a choice it posts
 * to ./{signatureId}/complete and follows the redirect the mock answers (returnUrl or failReturnUrl).
 */
export function h5Page(authentication: Authentication, faceUrls: readonly string[], nonce: string): string {
  const a = authentication;
  const dark = a.inputParameters.prefersColorScheme === 'dark';
  const faces = faceUrls.length
    ? faceUrls.map((url, i) => `<img class="face" alt="enrolled face ${i + 1}" src="${escape(url)}">`).join('')
    : '<p class="warn">No face is enrolled for this user: the authentication will fail (NO_ENROLLED_FACE).</p>';
  const done = a.result
    ? `<p id="status">This authentication already ended: ${escape(a.result.overallResult)}.</p>`
    : '<p id="status"></p>';
  return `<!doctype html>
<html lang="${escape(String(a.inputParameters.language ?? 'en'))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Face authentication (face-enroll-mock)</title>
<style nonce="${nonce}">
body { font: 16px system-ui, sans-serif; margin: 0 auto; max-width: 30rem; padding: 1rem; background: ${dark ? '#111' : '#f6f7f9'}; color: ${dark ? '#eee' : '#111'}; }
h1 { font-size: 1.3rem; } .mock { font-size: .8rem; color: #888; } dl { display: grid; grid-template-columns: auto 1fr; gap: .2rem .8rem; }
dt { color: #888; } dd { margin: 0; word-break: break-all; } .face { width: 96px; height: 96px; object-fit: cover; border-radius: 8px; margin: .2rem; border: 1px solid #ccc; }
video, #preview { width: 100%; max-height: 14rem; object-fit: contain; border-radius: 8px; background: #000; display: none; } .warn { color: #b45309; }
button { display: block; width: 100%; padding: .7rem; margin: .4rem 0; font-size: 1rem; border-radius: 8px; border: 1px solid #999; cursor: pointer; }
#pass { background: #15803d; color: #fff; } .fail { background: #b91c1c; color: #fff; } #giveup { background: #e5e7eb; }
</style>
</head>
<body>
<p class="mock">face-enroll-mock: a stand-in for the vendor's H5 page</p>
<h1>Face authentication</h1>
<dl>
<dt>User</dt><dd id="userId">${escape(a.userId)}</dd>
<dt>Region</dt><dd>${escape(a.region)}</dd>
${a.inputParameters.bizId ? `<dt>bizId</dt><dd>${escape(String(a.inputParameters.bizId))}</dd>` : ''}
<dt>Signature</dt><dd id="signatureId">${escape(a.signatureId)}</dd>
</dl>
<h2>Enrolled faces</h2>
<div id="faces">${faces}</div>
<h2>Selfie</h2>
<video id="camera" autoplay playsinline muted></video>
<img id="preview" alt="selfie">
<button id="use-camera" type="button">Use the camera</button>
<label>or pick a picture: <input id="file" type="file" accept="image/jpeg,image/png"></label>
<button id="submit-selfie" type="button" disabled>Submit the selfie (scored against the enrolled faces)</button>
<h2>Or choose the outcome</h2>
<button id="pass" type="button">Pass</button>
<button id="fail-liveness" class="fail" type="button">Fail: liveness attack</button>
<button id="fail-mismatch" class="fail" type="button">Fail: face mismatch</button>
<button id="giveup" type="button">Give up (INCOMPLETE)</button>
${done}
<script nonce="${nonce}">
const status = document.getElementById('status');
let selfie;
async function complete(body) {
  status.textContent = 'Sending...';
  const response = await fetch(location.pathname.replace(/\\/$/, '') + '/complete', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await response.json();
  if (!response.ok) { status.textContent = answer.error; return; }
  status.textContent = answer.overallResult + ': redirecting to ' + answer.redirectUrl;
  location.assign(answer.redirectUrl);
}
function show(dataUrl) {
  selfie = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const preview = document.getElementById('preview');
  preview.src = dataUrl; preview.style.display = 'block';
  document.getElementById('submit-selfie').disabled = false;
}
document.getElementById('file').addEventListener('change', (event) => {
  const file = event.target.files[0];
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => show(reader.result);
  reader.readAsDataURL(file);
});
document.getElementById('use-camera').addEventListener('click', async () => {
  const video = document.getElementById('camera');
  try {
    if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera API here (an insecure origin?)');
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' } });
    video.style.display = 'block';
    document.getElementById('use-camera').textContent = 'Take the picture';
    document.getElementById('use-camera').onclick = () => {
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth; canvas.height = video.videoHeight;
      canvas.getContext('2d').drawImage(video, 0, 0);
      show(canvas.toDataURL('image/jpeg', 0.9));
    };
  } catch (error) { status.textContent = 'Camera unavailable (' + error.message + '): pick a picture instead.'; }
}, { once: true }); // then the button takes the picture; the camera is not asked for again
document.getElementById('submit-selfie').addEventListener('click', () => complete({ result: 'PASS', selfie }));
document.getElementById('pass').addEventListener('click', () => complete(selfie ? { result: 'PASS', selfie } : { result: 'PASS' }));
document.getElementById('fail-liveness').addEventListener('click', () => complete({ result: 'FAIL', reason: 'LIVENESS_ATTACK' }));
document.getElementById('fail-mismatch').addEventListener('click', () => complete({ result: 'FAIL', reason: 'FACE_MISMATCH' }));
document.getElementById('giveup').addEventListener('click', () => complete({ result: 'INCOMPLETE' }));
</script>
</body>
</html>
`;
}
