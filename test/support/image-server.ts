// The contract runner's image server, which the tests share.
export { imagesDir, startImageServer, type ImageServer } from '../../src/contract/start-image-server.js';
