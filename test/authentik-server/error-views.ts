import { STATUS_CODES } from 'node:http';
import { ApiResponse, htmlResponse } from './responses';

/**
 * What the client sees when authentik fails outside DRF's own error handling: an unknown URL (404)
 * or an unhandled exception (500). authentik 2024.8.4 renders both with Django TemplateViews that
 * only implement GET, so for other methods Django answers 405 with an empty body instead
 * (fixed upstream in goauthentik/authentik#24902; reported as 405s in #12429 and #16685).
 */
export function errorView(status: 404 | 500, method: string, legacy: boolean): ApiResponse {
  const upper = method.toUpperCase();
  if (legacy && upper === 'OPTIONS') return htmlResponse(200, '', { Allow: 'GET, HEAD, OPTIONS' });
  if (legacy && upper !== 'GET' && upper !== 'HEAD') return htmlResponse(405, '', { Allow: 'GET, HEAD, OPTIONS' });
  return htmlResponse(status, authentikErrorPage(status === 404 ? 'Not Found' : 'Server Error'));
}

function authentikErrorPage(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
  <title>${title} - authentik</title>
  <link rel="stylesheet" type="text/css" href="/static/dist/authentik.css">
</head>
<body>
  <div class="pf-c-background-image"></div>
  <div class="pf-c-login stacked">
    <main class="pf-c-login__main">
      <header class="pf-c-login__main-header">
        <h1 class="pf-c-title pf-m-3xl">${title}</h1>
      </header>
      <div class="pf-c-login__main-body">
        <p>${title === 'Server Error' ? 'Server Error (500)' : 'The requested resource was not found on this server.'}</p>
      </div>
    </main>
  </div>
</body>
</html>
`;
}

/** The page a reverse proxy (nginx) serves when authentik behind it is down or slow. */
export function proxyErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
