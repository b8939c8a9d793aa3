import { isSignInFinal, type SignIn, type SignInStatus } from '../../model/sign-in.js'

/** What the waiting page and its live updates show of a sign-in. */
export interface SignInView {
  status: SignInStatus
  headline: string
  summary: string
  final: boolean
  /** Whether the page offers a code instead (the phone said no, or cannot say). */
  fallback: boolean
  expiresAt: string | null
}

const TEXTS: Record<SignInStatus, { headline: string; summary: string }> = {
  sending: {
    headline: 'Approve the sign-in on your phone',
    summary: 'Asking your phone…',
  },
  pending: {
    headline: 'Approve the sign-in on your phone',
    summary: 'We asked your phone to approve this sign-in. Approve it there: this page moves on by itself.',
  },
  approved: {
    headline: 'Sign-in approved',
    summary: 'Your phone approved it. Taking you to your account…',
  },
  denied: {
    headline: 'Sign-in denied',
    summary: 'Your phone denied this sign-in. If it was you after all, sign in with a code instead.',
  },
  expired: {
    headline: 'The sign-in request expired',
    summary: 'Nobody answered it in time. Sign in with a code instead, or start again.',
  },
  'no-app': {
    headline: 'Sign in with a code',
    summary:
      'Your phone has no app to approve the sign-in. Text yourself a code, or type the code your ' +
      'authenticator app shows.',
  },
  failed: {
    headline: 'The sign-in request could not be sent',
    summary: 'Sign in with a code instead.',
  },
}

/**
 * The texts of a sign-in's state, shared by the waiting page and its live stream.
 *
 * @example
 * signInView(signIn).headline // 'Approve the sign-in on your phone'
 */
export function signInView(signIn: SignIn): SignInView {
  return {
    status: signIn.status,
    ...TEXTS[signIn.status],
    summary: signIn.problem?.message ?? TEXTS[signIn.status].summary,
    final: isSignInFinal(signIn.status),
    fallback: isSignInFinal(signIn.status) && signIn.status !== 'approved',
    expiresAt: signIn.expiresAt,
  }
}
