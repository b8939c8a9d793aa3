import type { AuthyError } from '../../authy/index.js'

/**
 * What to do about a failed Authy call, in a sentence for the page.
 *
 * @example
 * authyAdvice(error) // 'Authy did not answer in time. Try again in a moment.'
 */
export function authyAdvice(error: AuthyError): string {
  if (error.errorCode === '60050') {
    return 'This phone has no Authy app registered for OneTouch. Install Authy on it (or open your phone page) and try again.'
  }
  if (error.errorCode === '60026' || error.errorCode === '60016') {
    return 'Authy no longer knows this user: sign out, then sign up again with the same email.'
  }
  switch (error.kind) {
    case 'network':
      return 'The bank could not reach Authy. With the sandbox, restart the app; with a real key, check the internet connection and AUTHY_API_URL.'
    case 'timeout':
      return 'Authy did not answer in time. Try again in a moment.'
    case 'malformed':
      return 'Authy answered something the bank did not expect. Try again in a moment.'
    case 'input':
      return 'The step passed Authy an invalid value: check the arguments it gives to the Authy client.'
  }
  if (error.status === 401) return 'Authy refused the API key: check AUTHY_API_KEY in .env.'
  if (error.status === 429)
    return 'Authy asks the bank to slow down. Wait a minute, then try again.'
  if (error.status !== undefined && error.status >= 500) {
    return 'Authy had a problem of its own. Try again in a moment.'
  }
  return 'Check the details and try again.'
}
