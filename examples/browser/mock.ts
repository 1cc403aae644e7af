// What a user's app writes: the package's browser entry. (The alias in vite.config.ts points the package
// name at this repository's source, so the example runs without a build.)
export { worker } from 'face-enroll-mock/browser';
export { apiPaths } from 'face-enroll-mock';
// What the app (or a test driving it) can read: the enrolled faces and the journal of answered requests.
export { enrollments, journal, completeAuthentication } from 'face-enroll-mock/browser';
// A mock of its own with other options (a rate limit, a fault): its handlers go in front with worker.use().
export { createEnrollMock } from 'face-enroll-mock/browser';
