// The placement pages' script (after app.js): every action form posts to its REST route with the session's
// CSRF header; a refusal's Chinese message is shown in the form, a success reloads the page with a notice.
(function () {
  'use strict';

  // Shared with the other pages (app.js, loaded first): the flash notice, the busy state, reading an answer.
  var kit = window.KJFZ;
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var mainEl = document.getElementById('main');
  // Staff pages carry the token in the shared header's meta tag; an enterprise's or expert's page on <main>.
  var csrfToken = csrfMeta ? csrfMeta.getAttribute('content') : mainEl && mainEl.getAttribute('data-csrf');
  var TYPE_NAMES = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

  function megabytes(n) {
    return (n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '') + ' MB';
  }

  function fail(form, message, details) {
    var box = form.querySelector('.form-error');
    box.textContent = '';
    box.appendChild(document.createTextNode('未能完成：' + message));
    (details || []).forEach(function (d) {
      box.appendChild(document.createElement('br'));
      box.appendChild(document.createTextNode(d));
    });
  }

  function detailLines(body) {
    var d = body && body.details;
    if (Array.isArray(d)) {
      return d.map(function (x) {
        return x && x.message ? (x.field ? x.field + '：' : '') + x.message : String(x);
      });
    }
    return [];
  }

  /** The file's own problem in Chinese (type, size), or '' when it may be sent. */
  function fileProblem(input) {
    var file = input.files && input.files[0];
    if (!file) return input.required ? '请选择要上传的文件' : '';
    var accept = (input.getAttribute('accept') || '').split(',').filter(Boolean);
    if (accept.length && accept.indexOf(file.type) < 0) {
      var names = accept.map(function (t) {
        return TYPE_NAMES[t] || t;
      });
      return '文件类型不支持：' + file.name + ' 不是 ' + names.join('、') + ' 格式，请上传签字盖章后的协议扫描件或照片';
    }
    var max = Number(input.getAttribute('data-max-bytes') || 0);
    if (max && file.size > max) return '文件过大：' + file.name + ' 为 ' + megabytes(file.size) + '，最大 ' + megabytes(max);
    if (file.size === 0) return '文件为空：' + file.name;
    return '';
  }

  function collect(form, submitter) {
    var body = {};
    var missing = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.tagName === 'BUTTON' || el.type === 'file') return;
      var v = el.value.trim();
      if (!v) {
        if (el.required) missing.push(el);
        return;
      }
      body[el.name] = el.type === 'number' ? Number(v) : v;
    });
    if (submitter && submitter.name) body[submitter.name] = submitter.value;
    return { body: body, missing: missing };
  }

  /** JSON, or (raw) the file itself as the body with its type, the other fields in the query string. */
  function send(form, payload, file) {
    var headers = { accept: 'application/json' };
    var url = form.getAttribute('data-url');
    headers['content-type'] = file ? file.type : 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    if (file) {
      var query = Object.keys(payload).map(function (k) {
        return encodeURIComponent(k) + '=' + encodeURIComponent(payload[k]);
      });
      url += (url.indexOf('?') < 0 ? '?' : '&') + query.join('&');
    }
    return fetch(url, {
      method: form.getAttribute('data-method') || 'POST',
      headers: headers,
      body: file || JSON.stringify(payload),
      credentials: 'same-origin',
    }).then(function (res) {
      return kit.readJson(res, url);
    });
  }

  document.addEventListener('click', function (ev) {
    var button = ev.target instanceof Element ? ev.target.closest('button[data-participant-logout]') : null;
    if (!button) return;
    button.disabled = true;
    var done = function () {
      location.href = '/participant/login';
    };
    fetch('/v1/participants/logout', { method: 'POST', headers: { 'x-csrf-token': csrfToken || '' }, credentials: 'same-origin' }).then(done, done);
  });

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-placement-form')) return;
    ev.preventDefault();
    var submitter = ev.submitter || form.querySelector('button[type="submit"]');
    var got = collect(form, submitter);
    // A reason is required for the negative outcomes (有异议, 退回, 不合格) even when the field is optional.
    var needsReason = submitter && /^(dispute|return|reject)$/.test(submitter.value || '');
    var reasonField = form.elements.reason || form.elements.note;
    if (needsReason && reasonField && !reasonField.value.trim()) got.missing.push(reasonField);
    if (got.missing.length) {
      var names = got.missing.map(function (el) {
        var label = form.querySelector('label[for="' + el.id + '"]');
        return label ? label.firstChild.textContent.trim() : el.name;
      });
      fail(form, '请填写：' + names.join('、'));
      got.missing[0].focus();
      return;
    }
    var fileInput = form.querySelector('input[type="file"]');
    var file = null;
    if (fileInput) {
      var problem = fileProblem(fileInput);
      if (problem) {
        fail(form, problem);
        fileInput.focus();
        return;
      }
      file = fileInput.files[0] || null;
      if (file && form.getAttribute('data-encoding') === 'raw') got.body.fileName = file.name;
    }
    kit.busy(submitter, true);
    form.querySelector('.form-error').textContent = '';
    send(form, got.body, file)
      .then(function () {
        kit.flashAndReload((submitter && submitter.getAttribute('data-success')) || '已提交');
      })
      .catch(function (e) {
        kit.busy(submitter, false);
        fail(form, e.message, detailLines(e.body));
      });
  });
})();
