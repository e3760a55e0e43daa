// The review page's only script: sign-in, sign-out and the review buttons, all through the JSON API.
// Results are announced in the #status live region; after a change the page reloads to show the new state.
(function () {
  'use strict';

  var FLASH_KEY = 'kjfz-flash';
  var statusBox = document.getElementById('status');
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var main = document.getElementById('main');

  function show(message, kind, details) {
    if (!statusBox) return;
    statusBox.className = 'status ' + (kind || 'ok');
    statusBox.textContent = '';
    var p = document.createElement('p');
    p.textContent = (kind === 'error' ? '未能完成：' : '') + message;
    statusBox.appendChild(p);
    if (details && details.length) {
      var ul = document.createElement('ul');
      details.forEach(function (d) {
        var li = document.createElement('li');
        li.textContent = d;
        ul.appendChild(li);
      });
      statusBox.appendChild(ul);
    }
    statusBox.focus();
  }

  /** A notice for the next page this tab shows (after a reload or a move). */
  function flash(message) {
    try {
      sessionStorage.setItem(FLASH_KEY, message);
    } catch (e) {
      /* private mode: the next page still shows the state */
    }
  }

  function flashAndReload(message) {
    flash(message);
    location.reload();
  }

  function detailLines(body) {
    var d = body && body.details;
    if (!d) return [];
    if (Array.isArray(d)) {
      return d.map(function (x) {
        return x && x.message ? x.message : String(x);
      });
    }
    if (Array.isArray(d.failed)) {
      return d.failed.map(function (f) {
        return f.message + (f.clause ? '（《' + f.clause.document + '》' + f.clause.article + '）' : '');
      });
    }
    if (Array.isArray(d.pending)) return ['待审核的需求：' + d.pending.join('、')];
    return [];
  }

  /**
   * JSON (or, with accept 'text/html', a server-rendered fragment) from the API with the session's CSRF header on
   * every write. A lost session goes to the sign-in page of whoever is looking (staff or participant).
   */
  function api(method, url, body, accept) {
    var headers = { accept: accept || 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (csrfMeta && method !== 'GET') headers['x-csrf-token'] = csrfMeta.getAttribute('content');
    return fetch(url, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' }).then(function (res) {
      if (accept === 'text/html') {
        return res.text().then(function (text) {
          if (!res.ok) throw new Error('刷新失败（' + res.status + '）');
          return text;
        });
      }
      return readJson(res, url);
    });
  }

  /** The body of an API answer; a refusal becomes an Error carrying the body (its details name the fields). */
  function readJson(res, url) {
    return res.text().then(function (text) {
      var data = null;
      try {
        data = text ? JSON.parse(text) : null;
      } catch (e) {
        data = null;
      }
      if (res.status === 401 && !/\/login$/.test(url)) {
        location.href = /^\/participant(\/|$)/.test(location.pathname) ? '/participant/login' : '/login?next=' + encodeURIComponent(location.pathname);
        throw new Error('登录已失效，请重新登录');
      }
      if (!res.ok) {
        var err = new Error((data && data.message) || '请求失败（' + res.status + '）');
        err.body = data;
        throw err;
      }
      return data;
    });
  }

  function busy(button, on) {
    if (!button) return;
    button.disabled = on;
    button.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  // The page areas' scripts (selection.js, placements.js) load after this one and use the same helpers.
  window.KJFZ = { show: show, flash: flash, flashAndReload: flashAndReload, api: api, readJson: readJson, busy: busy };

  // Flash message from the previous action, after the reload.
  try {
    var flashed = sessionStorage.getItem(FLASH_KEY);
    if (flashed) {
      sessionStorage.removeItem(FLASH_KEY);
      show(flashed, 'ok');
    }
  } catch (e) {
    /* ignore */
  }

  var loginForm = document.getElementById('login-form');
  if (loginForm) {
    var loginError = document.getElementById('login-error');
    loginForm.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var username = loginForm.elements.username.value.trim();
      var password = loginForm.elements.password.value;
      if (!username || !password) {
        loginError.textContent = '请输入用户名和密码';
        return;
      }
      var button = loginForm.querySelector('button[type="submit"]');
      busy(button, true);
      loginError.textContent = '';
      api('POST', '/v1/auth/login', { username: username, password: password })
        .then(function () {
          var next = loginForm.getAttribute('data-next') || '/';
          // The same rule as the server's safeNext: one leading '/', no backslash, whitespace or control character.
          var unsafe =
            /[\\\s]/.test(next) ||
            next.split('').some(function (c) {
              return c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;
            });
          location.href = /^\/(?![\/\\])/.test(next) && !unsafe ? next : '/';
        })
        .catch(function (e) {
          loginError.textContent = e.message;
          busy(button, false);
          loginForm.elements.password.focus();
        });
    });
  }

  // Intake queue: approve or return a form in one click (Enter in the reason box approves; Alt+A / Alt+R).
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-intake-form')) return;
    ev.preventDefault();
    var submitter = ev.submitter || form.querySelector('button[value="approve"]');
    var action = submitter && submitter.value === 'return' ? 'return' : 'approve';
    var reason = form.elements.reason.value.trim();
    if (action === 'return' && !reason) {
      show('退回时须填写退回理由，提交人将据此修改', 'error');
      form.elements.reason.focus();
      return;
    }
    var kind = form.getAttribute('data-kind');
    var key = form.getAttribute('data-key');
    busy(submitter, true);
    api('POST', '/v1/' + kind + '/' + encodeURIComponent(key) + '/' + action, reason ? { reason: reason } : {})
      .then(function () {
        flashAndReload((action === 'approve' ? '已通过：' : '已退回：') + key);
      })
      .catch(function (e) {
        busy(submitter, false);
        show(e.message, 'error', detailLines(e.body));
      });
  });

  document.addEventListener('click', function (ev) {
    var target = ev.target instanceof Element ? ev.target.closest('button') : null;
    if (!target || target.disabled) return;

    if (target.hasAttribute('data-logout')) {
      busy(target, true);
      api('POST', '/v1/auth/logout').then(
        function () {
          location.href = '/login';
        },
        function () {
          location.href = '/login';
        },
      );
      return;
    }

    var run = main && main.getAttribute('data-run');
    var region = main && main.getAttribute('data-region');
    if (!run) return;

    var action = target.getAttribute('data-action');
    if (action) {
      var demand = target.getAttribute('data-demand');
      var reasonInput = document.getElementById('reason-' + demand);
      var reason = reasonInput ? reasonInput.value.trim() : '';
      if (action === 'reject' && !reason) {
        show('驳回时必须填写理由', 'error');
        if (reasonInput) reasonInput.focus();
        return;
      }
      var body = { action: action };
      if (reason) body.reason = reason;
      if (action === 'swap') body.expertId = target.getAttribute('data-expert');
      busy(target, true);
      api('POST', '/v1/runs/' + encodeURIComponent(run) + '/demands/' + encodeURIComponent(demand) + '/decision', body)
        .then(function (res) {
          var d = res.demand;
          var who = d.assigned ? d.assigned.name : d.proposed ? d.proposed.name : '';
          var text = { approve: '已通过', reject: '已驳回', swap: '已替换为' }[action];
          flashAndReload(
            d.enterprise.name +
              '：' +
              text +
              (action === 'reject' ? '' : ' ' + who) +
              '。本区县已分配 ' +
              res.region.assigned +
              '/' +
              res.region.seats +
              ' 个名额，待审核 ' +
              res.region.pending +
              ' 条。',
          );
        })
        .catch(function (e) {
          busy(target, false);
          show(e.message, 'error', detailLines(e.body));
        });
      return;
    }

    var regionAction = target.getAttribute('data-region-action');
    if (regionAction && region) {
      var payload;
      if (regionAction === 'return') {
        var noteInput = document.getElementById('return-note');
        var note = noteInput ? noteInput.value.trim() : '';
        if (!note) {
          show('退回时必须填写意见', 'error');
          if (noteInput) noteInput.focus();
          return;
        }
        payload = { note: note };
      } else if (regionAction === 'confirm') {
        payload = {};
      }
      busy(target, true);
      api('POST', '/v1/runs/' + encodeURIComponent(run) + '/regions/' + encodeURIComponent(region) + '/' + regionAction, payload)
        .then(function () {
          flashAndReload({ submit: '已提交本区县审核结果，等待市级确认。', confirm: '已确认本区县审核结果。', return: '已退回区县修改。' }[regionAction]);
        })
        .catch(function (e) {
          busy(target, false);
          show(e.message, 'error', detailLines(e.body));
        });
    }
  });

  // Resolving a 待核实 condition: enter the missing facts, or record a verdict with a reason.
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!form || !form.hasAttribute || !form.hasAttribute('data-verify')) return;
    ev.preventDefault();
    var run = main && main.getAttribute('data-run');
    if (!run) return;
    var button = ev.submitter || form.querySelector('button[type="submit"]');
    var mode = button ? button.getAttribute('data-verify-mode') : 'verdict';
    var body = { subject: form.getAttribute('data-subject'), subjectId: form.getAttribute('data-subject-id'), ruleId: form.getAttribute('data-rule') };
    if (mode === 'facts') {
      var facts = {};
      var any = false;
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && el.name.indexOf('fact:') === 0 && el.value.trim() !== '') {
          facts[el.name.slice(5)] = el.type === 'number' ? Number(el.value) : el.value.trim();
          any = true;
        }
      });
      if (!any) {
        show('请填写要补录的信息', 'error');
        return;
      }
      body.facts = facts;
    } else {
      var verdict = form.elements.verdict ? form.elements.verdict.value : '';
      var reason = form.elements.reason ? form.elements.reason.value.trim() : '';
      if (!verdict) {
        show('请选择核实结论', 'error');
        if (form.elements.verdict) form.elements.verdict.focus();
        return;
      }
      if (!reason) {
        show('记录核实结论时必须填写理由', 'error');
        if (form.elements.reason) form.elements.reason.focus();
        return;
      }
      body.verdict = verdict;
      body.reason = reason;
    }
    busy(button, true);
    api('POST', '/v1/runs/' + encodeURIComponent(run) + '/demands/' + encodeURIComponent(form.getAttribute('data-demand')) + '/verifications', body)
      .then(function (res) {
        var label = { pass: '符合', fail: '不符合', relaxed: '放宽（需复核）', unknown: '仍待核实', not_applicable: '未评估' }[res.rule.outcome];
        flashAndReload((res.resolvedBy === 'facts' ? '已补录信息' : '已记录核实结论') + '：' + res.rule.ruleId + ' 现为“' + label + '”。');
      })
      .catch(function (e) {
        busy(button, false);
        show(e.message, 'error', detailLines(e.body));
      });
  });
})();
