/**
 * The phone page's only script (inline, allowed by a CSP nonce; no framework). It counts down
 * the time left, and re-fetches the live part of the page (`<page>/live`, server-rendered and
 * escaped) whenever the server says something changed (server-sent events from `<page>/events`),
 * when a countdown ends, when the tab comes back, and every 15 s as a safety net. Without
 * JavaScript the page still works: the Approve/Deny forms post and redirect back.
 */
export const PHONE_SCRIPT = `
(function () {
  'use strict'
  var live = document.getElementById('live')
  if (!live) return
  var base = location.pathname.replace(/\\/+$/, '')
  var deadlines = []
  var loading = false
  var again = false
  var timeFormat = { hour: '2-digit', minute: '2-digit', second: '2-digit' }

  function pad(n) {
    return (n < 10 ? '0' : '') + n
  }
  function format(seconds, style) {
    if (style === 'seconds') return seconds + ' s'
    if (seconds < 3600) return Math.floor(seconds / 60) + ':' + pad(seconds % 60)
    return Math.floor(seconds / 3600) + ' h ' + pad(Math.floor((seconds % 3600) / 60)) + ' min'
  }
  function arm() {
    var now = Date.now()
    deadlines = Array.prototype.map.call(live.querySelectorAll('[data-left-ms]'), function (el) {
      return { el: el, at: now + Number(el.getAttribute('data-left-ms')), fired: false }
    })
    Array.prototype.forEach.call(live.querySelectorAll('time[datetime]'), function (el) {
      var date = new Date(el.getAttribute('datetime'))
      if (!isNaN(date)) el.textContent = date.toLocaleTimeString([], timeFormat)
    })
  }
  function tick() {
    var now = Date.now()
    deadlines.forEach(function (d) {
      var left = Math.max(0, Math.ceil((d.at - now) / 1000))
      if (d.el.tagName === 'PROGRESS') d.el.value = left
      else d.el.textContent = format(left, d.el.getAttribute('data-style'))
      if (left === 0 && !d.fired) {
        d.fired = true
        setTimeout(refresh, 250)
      }
    })
  }
  function refresh() {
    if (loading) {
      again = true
      return
    }
    loading = true
    fetch(base + '/live', { cache: 'no-store', headers: { accept: 'text/html' } })
      .then(function (res) {
        if (res.status === 404) return location.reload()
        if (!res.ok) return
        return res.text().then(function (html) {
          live.innerHTML = html
          arm()
          tick()
        })
      })
      .catch(function () {})
      .then(function () {
        loading = false
        if (again) {
          again = false
          refresh()
        }
      })
  }

  arm()
  tick()
  setInterval(tick, 1000)
  setInterval(refresh, 15000)
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) refresh()
  })
  if (window.EventSource) {
    var events = new EventSource(base + '/events')
    events.addEventListener('change', refresh)
    events.addEventListener('ready', refresh)
  }
})()
`
