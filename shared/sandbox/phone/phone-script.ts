/**
 * The phone page's only script (inline, allowed by a CSP nonce; no framework). It counts down
 * the time left (a repeating countdown, `data-period-s`, such as the app token's, goes on with the
 * next period instead of showing 0 s), never rewrites the times the server wrote, and re-fetches
 * the live part of the page (`<page>/live`, server-rendered and escaped) whenever the server says something changed (server-sent events from `<page>/events`),
 * when a countdown ends, when the tab comes back, and every 15 s as a safety net. A swap keeps the
 * focus on the same control (or, when its request is gone, on the requests' heading), and tells
 * screen readers that something is new (a request, a message) through the polite
 * `#phone-announcer`: the live part itself is no live region, or every countdown tick would be
 * read out. Without JavaScript the page still works: the Approve/Deny forms post and redirect back.
 */
export const PHONE_SCRIPT = `
(function () {
  'use strict'
  var live = document.getElementById('live')
  if (!live) return
  var announcer = document.getElementById('phone-announcer')
  var base = location.pathname.replace(/\\/+$/, '')
  var deadlines = []
  var loading = false
  var again = false

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
      var at = now + Number(el.getAttribute('data-left-ms'))
      var period = Number(el.getAttribute('data-period-s')) * 1000
      return { el: el, at: at, period: period, fired: false }
    })
  }
  // Seconds to show: a repeating countdown wraps round to the next period (20 s, never 0 s).
  function shown(d, msLeft) {
    if (!d.period) return Math.max(0, Math.ceil(msLeft / 1000))
    var inPeriod = ((msLeft % d.period) + d.period) % d.period
    return Math.ceil((inPeriod || d.period) / 1000)
  }
  function tick() {
    var now = Date.now()
    deadlines.forEach(function (d) {
      var left = shown(d, d.at - now)
      if (d.el.tagName === 'PROGRESS') d.el.value = left
      else d.el.textContent = format(left, d.el.getAttribute('data-style'))
      if (now >= d.at && !d.fired) {
        d.fired = true
        setTimeout(refresh, 250)
      }
    })
  }
  function texts(selector, read) {
    return Array.prototype.map.call(live.querySelectorAll(selector), read)
  }
  function requestsAndMessages() {
    return {
      requests: texts('.request[data-uuid]', function (el) {
        return el.getAttribute('data-uuid')
      }),
      messages: texts('.msg', function (el) {
        return el.textContent.replace(/\\s+/g, ' ').trim()
      }),
    }
  }
  // A control found again after a swap: by its form's action or its link.
  function keyOf(el) {
    var form = el.closest('form')
    if (form) return 'form[action="' + form.getAttribute('action') + '"] button'
    if (el.getAttribute('href')) return 'a[href="' + el.getAttribute('href') + '"]'
    return el.id ? '#' + el.id : null
  }
  function swap(html) {
    var focused = document.activeElement
    var focusKey = focused && focused !== live && live.contains(focused) ? keyOf(focused) : null
    var before = requestsAndMessages()
    live.innerHTML = html
    if (focusKey !== null) {
      var again = live.querySelector(focusKey) || document.getElementById('requests')
      if (again) again.focus()
    }
    // Said in general words, never the request's or message's own text: the page shows that once.
    var after = requestsAndMessages()
    var isNew = function (list) {
      return function (item) {
        return list.indexOf(item) < 0
      }
    }
    var news = []
    if (after.requests.some(isNew(before.requests)))
      news.push('New approval request: ' + after.requests.length + ' waiting.')
    if (after.messages.some(isNew(before.messages))) news.push('New message in the inbox.')
    if (news.length > 0 && announcer) announcer.textContent = news.join(' ')
    arm()
    tick()
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
        return res.text().then(swap)
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
