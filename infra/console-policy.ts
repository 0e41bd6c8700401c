/**
 * The triage console's security policy, one definition for CloudFront (infra/constructs/console-hosting.ts)
 * and the local server (local/http-api.ts), so a console change that breaks under the deployed policy
 * breaks under `npm start` too. Plain data: no CDK imports, so `npm start` does not load the CDK.
 */

/**
 * The console's Content-Security-Policy: scripts, styles and images from itself, fonts from itself and
 * assets.nhs.uk (nhsuk-frontend's stylesheet loads the NHS typeface from there); API calls to the
 * ops API and the Cognito token endpoint only; never framed. `style-src 'unsafe-inline'` is there for
 * the digest preview only: the board digest is an HTML email with inline styles (MJML), shown in an
 * iframe srcdoc, which inherits this policy; scripts stay 'self' only.
 */
export function consoleContentSecurityPolicy(options: { apiOrigins: readonly string[]; authOrigin?: string }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' https://assets.nhs.uk",
    ['connect-src', "'self'", ...options.apiOrigins, ...(options.authOrigin ? [options.authOrigin] : [])].join(' '),
    "manifest-src 'self'",
    "frame-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    ['form-action', "'self'", ...(options.authOrigin ? [options.authOrigin] : [])].join(' '),
    "object-src 'none'",
  ].join('; ');
}
