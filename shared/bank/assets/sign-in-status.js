// Follows a sign-in live. When the phone approves, the page says so (and screen readers hear it
// once, through the polite live region #announcer), then moves on to the account; when it says
// no, the request expires or cannot be sent, the code form the server renders takes the place of
// the waiting part, the decision is announced once and the focus goes to its heading. The
// countdown is never announced. Without JavaScript, the page refreshes itself until then.
;(() => {
  const root = document.getElementById('sign-in')
  if (!root) return

  // Long enough to hear "Sign-in approved" before the account page replaces it.
  const MOVE_ON_AFTER_MS = 1500
  const byId = (id) => document.getElementById(id)
  const clockOffset = Number(root.dataset.serverNow) - Date.now()
  let expiresAt = Date.parse(root.dataset.expiresAt || '')
  const countdown = byId('sign-in-countdown')
  const time = byId('sign-in-countdown-time')

  function showCountdown() {
    if (Number.isNaN(expiresAt)) return
    const left = Math.max(1, Math.ceil((expiresAt - (Date.now() + clockOffset)) / 1000))
    time.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`
    countdown.hidden = false
  }
  const ticker = setInterval(showCountdown, 1000)
  showCountdown()

  function announce(view) {
    byId('announcer').textContent = `${view.headline}. ${view.summary}`
    byId('sign-in-headline').focus()
  }

  function showApproval(view) {
    countdown.hidden = true
    byId('sign-in-headline').textContent = view.headline
    byId('sign-in-summary').textContent = view.summary
    document.title = `${view.headline} · OneTouch Bank`
    announce(view)
    setTimeout(() => location.assign('/login/complete'), MOVE_ON_AFTER_MS)
  }

  // The code form comes from the server (with its form tokens): the page is read again and its
  // main part swapped in, so the live region stays and says what happened.
  async function showFallback(view) {
    try {
      const response = await fetch(location.href, { cache: 'no-store' })
      const next = new DOMParser().parseFromString(await response.text(), 'text/html')
      const main = next.querySelector('main')
      if (!response.ok || !main || !next.getElementById('sign-in-headline')) throw new Error()
      // The focus goes to the decision, not to the code field the page would focus on load.
      for (const field of main.querySelectorAll('[autofocus]')) field.removeAttribute('autofocus')
      document.querySelector('main').replaceWith(document.adoptNode(main))
      document.title = next.title
      announce(view)
    } catch {
      location.reload()
    }
  }

  const events = new EventSource(root.dataset.eventsUrl)
  events.addEventListener('sign-in', (event) => {
    const view = JSON.parse(event.data)
    if (view.final) {
      clearInterval(ticker)
      events.close()
      if (view.status === 'approved') showApproval(view)
      else showFallback(view)
    } else if (view.expiresAt) {
      expiresAt = Date.parse(view.expiresAt)
    }
  })
  events.addEventListener('error', () => {
    // EventSource reconnects by itself after a dropped connection; refused for good: reload.
    if (events.readyState === EventSource.CLOSED) setTimeout(() => location.reload(), 3000)
  })
  window.addEventListener('pagehide', () => events.close())
})()
