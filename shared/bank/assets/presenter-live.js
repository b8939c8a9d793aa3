// The room view, live: each event brings the changing part of the page rendered (and escaped) by
// the server, which replaces the old one. Without JavaScript, the page refreshes itself.
;(() => {
  const live = document.getElementById('room-live')
  if (!live) return
  const noscriptRefresh = document.querySelector('noscript')
  if (noscriptRefresh) noscriptRefresh.remove()

  const events = new EventSource(live.dataset.events)
  events.addEventListener('room', (event) => {
    live.innerHTML = JSON.parse(event.data).html
    live.dataset.updatedAt = String(Date.now())
  })
  events.addEventListener('error', () => {
    // EventSource reconnects by itself after a dropped connection; refused for good: reload.
    if (events.readyState === EventSource.CLOSED) setTimeout(() => location.reload(), 5000)
  })
  window.addEventListener('pagehide', () => events.close())
})()
