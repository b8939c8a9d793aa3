// Follows one transfer live on its page: the status arrives by server-sent events (no reload),
// and a countdown shows the time left to approve. Screen readers hear each decision once, and a
// provider problem once when it appears, through the page's polite live region (#announcer);
// never the countdown, which they can read when they want. Without JavaScript, the page
// refreshes itself.
;(() => {
  const root = document.getElementById('transfer')
  if (!root || root.dataset.final === 'true') return

  const byId = (id) => document.getElementById(id)
  const clockOffset = Number(root.dataset.serverNow) - Date.now()
  let expiresAt = Date.parse(root.dataset.expiresAt || '')
  let final = false
  let problemShown = !byId('problem').hidden

  function announce(text) {
    const announcer = byId('announcer')
    if (announcer) announcer.textContent = text
  }

  function showCountdown() {
    const countdown = byId('countdown')
    if (final || Number.isNaN(expiresAt)) return
    const left = Math.max(0, Math.round((expiresAt - (Date.now() + clockOffset)) / 1000))
    countdown.hidden = false
    byId('countdown-time').textContent =
      `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`
  }
  const ticker = setInterval(showCountdown, 1000)
  showCountdown()

  function show(view) {
    const badge = byId('status-badge')
    badge.className = `badge badge-${view.status}`
    badge.dataset.status = view.status
    badge.textContent = view.label
    const listed = byId(`status-of-${view.id}`)
    if (listed) {
      listed.className = badge.className
      listed.dataset.status = view.status
      listed.textContent = view.label
    }
    byId('headline').textContent = view.headline
    byId('summary').textContent = view.summary
    document.title = `${view.headline} · OneTouch Bank`
    root.className = `transfer transfer-${view.status}`
    const problem = byId('problem')
    if (problem.textContent !== (view.problem || '')) problem.textContent = view.problem || ''
    problem.hidden = !view.problem
    byId('kitten').hidden = view.status !== 'approved'
    const phoneLink = byId('phone-link')
    if (phoneLink) phoneLink.hidden = view.final
    if (view.expiresAt) expiresAt = Date.parse(view.expiresAt)
    if (view.decided) {
      byId('decided-label').textContent = view.decided.label
      byId('decided-at').textContent = view.decided.text
      byId('decided-at').setAttribute('datetime', view.decided.at)
      byId('decided').hidden = false
    }
    // A step that is not written yet gets its full explanation, which the server renders.
    if (view.missingStep && !byId('step-missing-title')) location.reload()
    // Said once: the decision (with what went wrong, if anything), or a problem as it appears.
    if (view.final) {
      announce(`${view.headline}. ${view.problem || view.summary}`)
      byId('headline').focus()
    } else if (view.problem && !problemShown) {
      announce(view.problem)
    }
    problemShown = Boolean(view.problem)
  }

  function finish() {
    final = true
    root.dataset.final = 'true'
    clearInterval(ticker)
    byId('countdown').hidden = true
    events.close()
  }

  const events = new EventSource(root.dataset.eventsUrl)
  events.addEventListener('transfer', (event) => {
    const view = JSON.parse(event.data)
    show(view)
    if (view.final) finish()
  })
  events.addEventListener('error', () => {
    // EventSource reconnects by itself after a dropped connection (an app restart); if the server
    // refused the stream for good, fall back to reloading the page.
    if (!final && events.readyState === EventSource.CLOSED)
      setTimeout(() => location.reload(), 3000)
  })
  window.addEventListener('pagehide', () => events.close())
})()
