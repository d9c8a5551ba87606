// Start-up guard, in plain JavaScript so that it works when the app itself cannot: if the wasm
// fails to load or the app panics, the page says so in words instead of staying blank, and offers
// the data stored in this browser for download exactly as it is stored.
(function () {
  'use strict';
  // The app's keys: zrz.* (role, language, the old single-key record) and zrz3.* (the record, one key
  // per answer, rating, ledger entry …).
  var OURS = /^zrz\d*\./;
  var started = false;
  var shown = false;

  addEventListener('TrunkApplicationStarted', function () { started = true; });

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  function storedData() {
    var data = {};
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key && OURS.test(key)) data[key] = localStorage.getItem(key);
      }
    } catch (e) {
      data['读取失败'] = String(e);
    }
    return data;
  }

  function download() {
    var d = new Date();
    var name = '意识形态责任制_原始数据_' + d.getFullYear() + pad(d.getMonth() + 1) + pad(d.getDate()) + '.json';
    var blob = new Blob([JSON.stringify(storedData(), null, 2)], { type: 'application/json' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function fail(reason) {
    if (shown) return;
    if (!document.body) {
      addEventListener('DOMContentLoaded', function () { fail(reason); });
      return;
    }
    shown = true;
    var box = document.createElement('div');
    box.id = 'boot-failure';
    box.className = 'boot-failure';
    box.setAttribute('role', 'alert');
    var h = document.createElement('h1');
    h.textContent = started ? '应用运行出错，已停止' : '应用未能启动';
    var p = document.createElement('p');
    p.textContent = '您在本浏览器中保存的数据没有丢失。请先点击下面的按钮下载原始数据妥善保存，然后刷新页面重试；如仍无法使用，请换用新版 Chrome、Edge 或 Firefox，并把下载的文件交给信息化人员。';
    var detail = document.createElement('p');
    detail.className = 'boot-failure-detail';
    detail.textContent = '错误信息：' + reason;
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = '下载本浏览器中保存的原始数据';
    button.addEventListener('click', download);
    box.appendChild(h);
    box.appendChild(p);
    box.appendChild(button);
    box.appendChild(detail);
    var boot = document.getElementById('boot');
    if (boot) boot.remove();
    document.body.insertBefore(box, document.body.firstChild);
  }

  addEventListener('error', function (e) {
    var t = e.target;
    if (t && t !== window) {
      // A resource failed: only the app's own script or wasm matter.
      var url = t.src || t.href || '';
      if (/\.(js|wasm)$/.test(url)) fail('无法加载 ' + url);
      return;
    }
    fail(e.message || String(e.error));
  }, true);
  addEventListener('unhandledrejection', function (e) {
    var r = e.reason;
    fail(r && r.message ? r.message : String(r));
  });
  setTimeout(function () {
    if (!started) fail('应用在 60 秒内未能完成加载（WebAssembly 可能被浏览器或安全软件拦截）');
  }, 60000);
})();
