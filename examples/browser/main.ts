// A minimal app that calls the real vendor URL; the mock service worker answers it in the browser.
import { worker, apiPaths } from './mock.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function toBase64(file: File): Promise<string> {
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  // The API takes bare base64 of the bytes, not a data: URL.
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}

$('enroll').addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = $<HTMLInputElement>('image').files?.[0];
  if (!file) return;
  $('result').textContent = 'Enrolling...';
  try {
    const response = await fetch(`https://sg-api.advance.ai${apiPaths.saveEnroll}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-access-token': 'demo-token' },
      body: JSON.stringify({
        faceImage: await toBase64(file),
        userId: $<HTMLInputElement>('userId').value,
        region: $<HTMLInputElement>('region').value,
      }),
    });
    $('result').textContent = `HTTP ${response.status}\n${JSON.stringify(await response.json(), null, 2)}`;
  } catch (error) {
    $('result').textContent = `Request failed: ${(error as Error).message}`;
  }
});

await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
$('status').textContent = 'Mock ready: requests to the vendor hosts are answered in this browser.';
$<HTMLButtonElement>('submit').disabled = false;
