// Follows a sign-in live: when the phone approves, on to the account; when it says no (or the
// request expires), the page comes back with the code form. Without JavaScript, the page
// refreshes itself until then.
;(() => {
  const root = document.getElementById('sign-in')
  if (!root) return

  const clockOffset = Number(root.dataset.serverNow) - Date.now()
  let expiresAt = Date.parse(root.dataset.expiresAt || '')
  const countdown = document.getElementById('sign-in-countdown')
  const time = document.getElementById('sign-in-countdown-time')

  function showCountdown() {
    if (Number.isNaN(expiresAt)) return
    const left = Math.max(1, Math.ceil((expiresAt - (Date.now() + clockOffset)) / 1000))
    time.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`
    countdown.hidden = false
  }
  const ticker = setInterval(showCountdown, 1000)
  showCountdown()

  const events = new EventSource(root.dataset.eventsUrl)
  events.addEventListener('sign-in', (event) => {
    const view = JSON.parse(event.data)
    if (view.final) {
      clearInterval(ticker)
      events.close()
      if (view.status === 'approved') location.assign('/login/complete')
      else location.reload()
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
