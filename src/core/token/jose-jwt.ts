// The two jose functions the token flow uses, in a module of their own: create-token-core.ts imports it on first
// use, and a bundler keeps only these two (a dynamic import of 'jose' itself would keep all of jose).
export { jwtVerify, SignJWT } from 'jose';
