/**
 * Everything the sandbox says to a user or in an answer that takes `locale` (SMS, calls, email
 * tokens, phone verification), in English (the default, and for a locale it does not know),
 * Spanish, French, German, Portuguese and Italian: one table, short sentences. Error answers stay
 * in English. The English texts and the Spanish verification call are the real service's words.
 */

/** The locales the sandbox speaks. */
export const LOCALES = ['en', 'es', 'fr', 'de', 'pt', 'it'] as const
export type Locale = (typeof LOCALES)[number]

/**
 * One locale's words. `reason` is '' or ` (<action_message>)`; `spoken` is a code said digit by
 * digit.
 */
export interface Wording {
  smsSent: string
  callStarted: string
  emailSent: string
  smsIgnored: string
  callIgnored: string
  smsToken(app: string, code: string, reason: string): string
  callToken(app: string, spoken: string, reason: string): string
  emailToken(email: string, app: string, code: string, reason: string): string
  verificationCode(app: string, code: string): string
  verificationCall(text: string): string
  verificationSmsSent(phone: string): string
  verificationCallStarted(phone: string): string
}

const WORDING: Record<Locale, Wording> = {
  en: {
    smsSent: 'SMS token was sent',
    callStarted: 'Call started...',
    emailSent: 'Email token was sent',
    smsIgnored:
      'Ignored: SMS is not needed for smartphones. ' +
      'Pass force=true if you want to actually send it anyway.',
    // The double space is Authy's.
    callIgnored:
      'Call ignored. User is using  App Tokens and this call is not necessary. ' +
      'Pass force=true if you still want to call users that are using the App.',
    smsToken: (app, code, reason) => `Your ${app} token is: ${code}${reason}`,
    callToken: (app, spoken, reason) =>
      `Voice call from ${app}${reason}: "Your token is ${spoken}. Again, ${spoken}."`,
    emailToken: (email, app, code, reason) =>
      `Email to ${email}: your ${app} token is ${code}${reason}`,
    verificationCode: (app, code) => `Your ${app} verification code is: ${code}`,
    verificationCall: (text) => `Voice call: "${text}"`,
    verificationSmsSent: (phone) => `Text message sent to ${phone}.`,
    verificationCallStarted: (phone) => `Call to ${phone} initiated`,
  },
  es: {
    smsSent: 'Código enviado por SMS',
    callStarted: 'Llamada iniciada...',
    emailSent: 'Código enviado por correo',
    smsIgnored:
      'Ignorado: el SMS no hace falta en smartphones. Envía force=true para mandarlo igualmente.',
    callIgnored:
      'Llamada ignorada: el usuario usa la app. Envía force=true para llamar igualmente.',
    smsToken: (app, code, reason) => `Tu código de ${app} es: ${code}${reason}`,
    callToken: (app, spoken, reason) =>
      `Llamada de ${app}${reason}: "Tu código es ${spoken}. Repito, ${spoken}."`,
    emailToken: (email, app, code, reason) =>
      `Correo a ${email}: tu código de ${app} es ${code}${reason}`,
    verificationCode: (app, code) => `Tu código de verificación de ${app} es: ${code}`,
    verificationCall: (text) => `Llamada: "${text}"`,
    verificationSmsSent: (phone) => `Mensaje de texto enviado a ${phone}.`,
    verificationCallStarted: (phone) => `Llamada a ${phone} fue iniciada.`,
  },
  fr: {
    smsSent: 'Code envoyé par SMS',
    callStarted: 'Appel lancé...',
    emailSent: 'Code envoyé par e-mail',
    smsIgnored:
      'Ignoré : le SMS est inutile sur smartphone. Passez force=true pour l’envoyer quand même.',
    callIgnored:
      'Appel ignoré : l’utilisateur a l’application. Passez force=true pour appeler quand même.',
    smsToken: (app, code, reason) => `Votre code ${app} est : ${code}${reason}`,
    callToken: (app, spoken, reason) =>
      `Appel de ${app}${reason} : « Votre code est ${spoken}. Je répète, ${spoken}. »`,
    emailToken: (email, app, code, reason) =>
      `E-mail à ${email} : votre code ${app} est ${code}${reason}`,
    verificationCode: (app, code) => `Votre code de vérification ${app} est : ${code}`,
    verificationCall: (text) => `Appel : « ${text} »`,
    verificationSmsSent: (phone) => `SMS envoyé au ${phone}.`,
    verificationCallStarted: (phone) => `Appel vers le ${phone} lancé.`,
  },
  de: {
    smsSent: 'Code per SMS gesendet',
    callStarted: 'Anruf gestartet...',
    emailSent: 'Code per E-Mail gesendet',
    smsIgnored:
      'Ignoriert: Auf Smartphones ist keine SMS nötig. Mit force=true wird sie trotzdem gesendet.',
    callIgnored: 'Anruf ignoriert: Der Nutzer hat die App. Mit force=true wird trotzdem angerufen.',
    smsToken: (app, code, reason) => `Ihr ${app}-Code lautet: ${code}${reason}`,
    callToken: (app, spoken, reason) =>
      `Anruf von ${app}${reason}: „Ihr Code lautet ${spoken}. Noch einmal: ${spoken}.“`,
    emailToken: (email, app, code, reason) =>
      `E-Mail an ${email}: Ihr ${app}-Code lautet ${code}${reason}`,
    verificationCode: (app, code) => `Ihr ${app}-Bestätigungscode lautet: ${code}`,
    verificationCall: (text) => `Anruf: „${text}“`,
    verificationSmsSent: (phone) => `SMS an ${phone} gesendet.`,
    verificationCallStarted: (phone) => `Anruf an ${phone} gestartet.`,
  },
  pt: {
    smsSent: 'Código enviado por SMS',
    callStarted: 'Chamada iniciada...',
    emailSent: 'Código enviado por e-mail',
    smsIgnored:
      'Ignorado: o SMS não é necessário em smartphones. Envie force=true para mandá-lo mesmo assim.',
    callIgnored: 'Chamada ignorada: o usuário usa o app. Envie force=true para ligar mesmo assim.',
    smsToken: (app, code, reason) => `Seu código do ${app} é: ${code}${reason}`,
    callToken: (app, spoken, reason) =>
      `Chamada de ${app}${reason}: "Seu código é ${spoken}. Repetindo, ${spoken}."`,
    emailToken: (email, app, code, reason) =>
      `E-mail para ${email}: seu código do ${app} é ${code}${reason}`,
    verificationCode: (app, code) => `Seu código de verificação do ${app} é: ${code}`,
    verificationCall: (text) => `Chamada: "${text}"`,
    verificationSmsSent: (phone) => `Mensagem de texto enviada para ${phone}.`,
    verificationCallStarted: (phone) => `Chamada para ${phone} iniciada.`,
  },
  it: {
    smsSent: 'Codice inviato via SMS',
    callStarted: 'Chiamata avviata...',
    emailSent: 'Codice inviato via email',
    smsIgnored:
      'Ignorato: l’SMS non serve sugli smartphone. Passa force=true per inviarlo comunque.',
    callIgnored: 'Chiamata ignorata: l’utente usa l’app. Passa force=true per chiamare comunque.',
    smsToken: (app, code, reason) => `Il tuo codice ${app} è: ${code}${reason}`,
    callToken: (app, spoken, reason) =>
      `Chiamata da ${app}${reason}: "Il tuo codice è ${spoken}. Ripeto, ${spoken}."`,
    emailToken: (email, app, code, reason) =>
      `Email a ${email}: il tuo codice ${app} è ${code}${reason}`,
    verificationCode: (app, code) => `Il tuo codice di verifica ${app} è: ${code}`,
    verificationCall: (text) => `Chiamata: "${text}"`,
    verificationSmsSent: (phone) => `SMS inviato a ${phone}.`,
    verificationCallStarted: (phone) => `Chiamata a ${phone} avviata.`,
  },
}

/**
 * The words for a `locale` parameter as clients send it (`es`, `es-MX`, `pt_BR`, `FR`): its
 * language if the sandbox speaks it, else English.
 *
 * @example
 * wordingFor('es-MX').smsSent // 'Código enviado por SMS'
 * wordingFor(undefined).smsSent // 'SMS token was sent'
 */
export function wordingFor(locale: string | undefined): Wording {
  const language = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0]
  const known = LOCALES.find((candidate) => candidate === language)
  return WORDING[known ?? 'en']
}
