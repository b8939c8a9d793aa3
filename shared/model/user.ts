/** Someone who registered in this bank. */
export interface User {
  /** Our own random id (never the Authy id), used in sessions. */
  id: string
  email: string
  /** Calling code, digits only: `1`, `44`. */
  countryCode: string
  /** As typed on the form, without the country code. */
  phoneNumber: string
  /** The id Authy gave this user (step 1). */
  authyId: number
  createdAt: string
}
