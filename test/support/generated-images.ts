// Built by the contract runner's recipe, so the tests and the packaged command send the same bytes.
export { generatedImage } from '../../src/contract/generated-images.js';
