/**
 * What the vendor's gateway answers outside the API: an nginx HTML page, not the JSON envelope
 * (docs/vendor-api.md#http-status-conventions). The kit answers the same way so clients meet the same surprise.
 */
export function gatewayPage(status: 404 | 405 | 413 | 502 | 504): string {
  const title = {
    404: '404 Not Found',
    405: '405 Not Allowed',
    413: '413 Request Entity Too Large',
    502: '502 Bad Gateway',
    504: '504 Gateway Time-out',
  }[status];
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
