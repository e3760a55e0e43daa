// The two-way selection pages' script (participants and county staff): forms sent as JSON to the selection API
// with the CSRF header, a live talk thread over Server-Sent Events (polling when EventSource is missing or
// fails), the message length counter and the audited contact reveal. Text from the server is set with
// textContent or arrives as server-escaped HTML fragments; nothing here builds markup from data.
(function () {
  'use strict';

  var POLL_MS = 5000;
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var main = document.getElementById('main');
  // Shared with the staff pages (app.js, loaded first): the status box, the flash notice, the API call.
  var kit = window.KJFZ;
  var show = kit.show;
  var flash = kit.flash;
  var api = kit.api;
  var busy = kit.busy;

  var clause = function (f) {
    return f.clause ? '（《' + f.clause.document + '》' + f.clause.article + '）' : '';
  };

  /** Field errors, refused hard rules with their clauses, facts that need the county's check. */
  function detailLines(body) {
    var d = body && body.details;
    if (!d) return [];
    if (Array.isArray(d)) {
      return d.map(function (x) {
        return x && x.message ? (x.field ? x.field + '：' : '') + x.message : String(x);
      });
    }
    var lines = [];
    (d.failed || []).forEach(function (f) {
      lines.push('不符合：' + f.message + clause(f));
    });
    (d.unknown || []).forEach(function (f) {
      lines.push('待区县核实：' + f.message + clause(f));
    });
    return lines;
  }

  /** A datetime-local value is the phone's local time: send it as ISO 8601 with the offset. */
  function isoWithOffset(local) {
    var d = new Date(local);
    if (isNaN(d.getTime())) return local;
    var off = -d.getTimezoneOffset();
    var pad = function (n) {
      return (n < 10 ? '0' : '') + n;
    };
    var sign = off >= 0 ? '+' : '-';
    off = Math.abs(off);
    return local.length === 16 ? local + ':00' + sign + pad(Math.floor(off / 60)) + ':' + pad(off % 60) : d.toISOString();
  }

  function formBody(form) {
    var body = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.hasAttribute('data-no-send')) return;
      if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) return;
      var v = el.value;
      var type = el.getAttribute('data-type');
      if (type === 'boolean') body[el.name] = v === 'true';
      else if (type === 'datetime') body[el.name] = v ? isoWithOffset(v) : v;
      else if (el.type === 'number') body[el.name] = v === '' ? undefined : Number(v);
      else if (typeof v === 'string' && el.type !== 'password') {
        v = v.trim();
        // Optional empty fields are left out rather than sent as "".
        if (v !== '' || el.required) body[el.name] = v;
      } else body[el.name] = v;
    });
    return body;
  }

  function missingField(form) {
    var bad = null;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (bad || !el.required || el.disabled) return;
      if (el.type === 'radio' ? !form.querySelector('input[name="' + el.name + '"]:checked') : !String(el.value).trim()) bad = el;
    });
    return bad;
  }

  function labelOf(el) {
    var l = el.labels && el.labels[0];
    return l ? l.firstChild.textContent.trim() : el.name;
  }

  // ---------------------------------------------------------------- the live thread
  var thread = document.getElementById('thread');
  var live = document.getElementById('live');
  var talkPath = main && main.getAttribute('data-talk-path');
  var refreshing = false;
  var again = false;

  function setLive(state, text) {
    if (!live) return;
    live.setAttribute('data-live-state', state);
    live.textContent = text;
  }

  /** Fetches the server-rendered (escaped) thread and swaps it in; a refresh asked for meanwhile runs after. */
  function refreshThread() {
    if (!thread || !talkPath) return Promise.resolve();
    if (refreshing) {
      again = true;
      return Promise.resolve();
    }
    refreshing = true;
    return api('GET', talkPath + '/thread', undefined, 'text/html')
      .then(function (markup) {
        var box = document.createElement('div');
        box.innerHTML = markup;
        var next = box.querySelector('#thread');
        if (next) {
          thread.replaceWith(next);
          thread = next;
          thread.lastElementChild && thread.lastElementChild.scrollIntoView({ block: 'nearest' });
        }
        var status = box.querySelector('#talk-status');
        var here = document.getElementById('talk-status');
        if (status && here && status.getAttribute('data-state') !== here.getAttribute('data-state')) {
          here.replaceWith(status);
          // The actions that fit the new state (confirm, choose) come with the page: say so rather than reload under the user.
          var hint = document.createElement('a');
          hint.href = location.pathname;
          hint.className = 'state-changed';
          hint.textContent = ' 状态已更新，刷新页面查看可用操作';
          status.appendChild(hint);
        }
      })
      .catch(function () {
        /* the next event or poll tries again */
      })
      .then(function () {
        refreshing = false;
        if (again) {
          again = false;
          return refreshThread();
        }
      });
  }

  var pollTimer = null;
  function startPolling(reason) {
    if (pollTimer) return;
    setLive('polling', reason);
    pollTimer = setInterval(refreshThread, POLL_MS);
  }

  var channel = main && main.getAttribute('data-channel');
  if (thread && talkPath && channel) {
    if (typeof window.EventSource !== 'function') {
      startPolling('（每 5 秒自动刷新）');
    } else {
      var source = new EventSource('/v1/events?channels=' + encodeURIComponent(channel));
      var failures = 0;
      source.onopen = function () {
        failures = 0;
        setLive('on', '（实时更新）');
        // Anything sent while the connection was down shows now.
        refreshThread();
      };
      source.onmessage = function () {
        refreshThread();
      };
      ['selection.message', 'selection.interest', 'selection.meeting'].forEach(function (type) {
        source.addEventListener(type, function () {
          refreshThread();
        });
      });
      source.onerror = function () {
        failures += 1;
        // The browser retries on its own; after repeated failures (or a refusal) fall back to polling.
        if (source.readyState === EventSource.CLOSED || failures >= 3) {
          source.close();
          startPolling('（实时连接不可用，每 5 秒自动刷新）');
        } else {
          setLive('reconnecting', '（正在重新连接…）');
        }
      };
    }
  }

  // ---------------------------------------------------------------- forms
  document.addEventListener('input', function (ev) {
    var el = ev.target;
    var counterId = el && el.getAttribute && el.getAttribute('data-counter');
    if (!counterId) return;
    var counter = document.getElementById(counterId);
    if (counter) counter.textContent = el.value.length + ' / ' + el.getAttribute('maxlength');
  });

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-api')) return;
    ev.preventDefault();
    var missing = missingField(form);
    if (missing) {
      show('请填写' + labelOf(missing), 'error');
      missing.focus();
      return;
    }
    var same = form.querySelector('[data-same-as]');
    if (same && same.value !== document.getElementById(same.getAttribute('data-same-as')).value) {
      show('两次输入的密码不一致', 'error');
      same.focus();
      return;
    }
    var button = ev.submitter || form.querySelector('button[type="submit"]');
    var after = form.getAttribute('data-after') || 'reload';
    var ok = form.getAttribute('data-ok') || '已完成';
    if (after === 'invite') {
      // A new link replaces the previous one; never leave the old one showing while the new one is made.
      var prev = document.getElementById('invite-result');
      if (prev) prev.hidden = true;
      var prevLink = document.getElementById('invite-link');
      if (prevLink) prevLink.value = '';
    }
    busy(button, true);
    api(form.getAttribute('data-method') || 'POST', form.getAttribute('data-api'), formBody(form))
      .then(function (res) {
        if (after === 'thread') {
          form.reset();
          var c = form.querySelector('[data-counter]');
          if (c) c.dispatchEvent(new Event('input', { bubbles: true }));
          busy(button, false);
          return refreshThread().then(function () {
            var t = form.querySelector('textarea');
            if (t) t.focus();
          });
        }
        if (after === 'invite') {
          busy(button, false);
          var box = document.getElementById('invite-result');
          var out = document.getElementById('invite-link');
          var link = (res && (res.link || res.url)) || '';
          if (box && out) {
            out.value = /^\//.test(link) ? location.origin + link : link;
            box.hidden = false;
            out.focus();
            out.select();
          }
          show(ok, 'ok');
          return;
        }
        flash(ok);
        if (after.indexOf('go:') === 0) location.href = after.slice(3);
        else location.reload();
      })
      .catch(function (e) {
        busy(button, false);
        show(e.message, 'error', detailLines(e.body));
      });
  });

  // ---------------------------------------------------------------- buttons
  function contactLine(box, label, parts) {
    var p = document.createElement('p');
    var strong = document.createElement('strong');
    strong.textContent = label + '：';
    p.appendChild(strong);
    p.appendChild(
      document.createTextNode(
        parts
          .filter(function (x) {
            return x;
          })
          .join(' · ') || '—',
      ),
    );
    box.appendChild(p);
  }

  document.addEventListener('click', function (ev) {
    // Opening an inbox item marks it read (keepalive: the request outlives the navigation).
    var opened = ev.target instanceof Element ? ev.target.closest('a[data-inbox-open]') : null;
    if (opened && csrfMeta) {
      fetch('/v1/inbox/' + encodeURIComponent(opened.getAttribute('data-inbox-open')) + '/read', {
        method: 'POST',
        keepalive: true,
        credentials: 'same-origin',
        headers: { 'x-csrf-token': csrfMeta.getAttribute('content'), accept: 'application/json' },
      }).catch(function () {
        /* stays unread; nothing lost */
      });
      return;
    }
    var target = ev.target instanceof Element ? ev.target.closest('button') : null;
    if (!target || target.disabled) return;
    if (target.hasAttribute('data-participant-logout')) {
      busy(target, true);
      var done = function () {
        location.href = '/participant/login';
      };
      api('POST', '/v1/participants/logout').then(done, done);
      return;
    }
    var contactsUrl = target.getAttribute('data-contacts');
    if (contactsUrl) {
      busy(target, true);
      api('GET', contactsUrl)
        .then(function (c) {
          var box = document.getElementById('contacts');
          box.textContent = '';
          contactLine(box, '企业', [c.enterprise.name, c.enterprise.contactName, c.enterprise.phone]);
          contactLine(box, '专家', [c.expert.name, c.expert.phone, c.expert.email]);
          box.hidden = false;
          target.hidden = true;
        })
        .catch(function (e) {
          busy(target, false);
          show(e.message, 'error', detailLines(e.body));
        });
    }
  });
})();
