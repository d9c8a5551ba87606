// Server check for IT staff (check.html): asks the server for every file the app loads and says, in
// words, what is wrong with the answers (missing file, wrong Content-Type, caching, a half-copied
// deployment, no HTTPS for offline use). Reads no stored data.
(function () {
  'use strict';
  var rows = [];
  var JS = /^(text|application)\/(x-)?javascript\b/i;

  function row(level, what, detail) {
    rows.push(level);
    var tr = document.createElement('tr');
    tr.setAttribute('data-level', level);
    var mark = { ok: '✔ 正常', warn: '⚠ 注意', bad: '✘ 错误' }[level];
    [mark, what, detail].forEach(function (text, i) {
      var td = document.createElement('td');
      td.textContent = text;
      if (i === 0) td.style.color = { ok: '#1b6e3a', warn: '#8a6100', bad: '#b71c1c' }[level];
      tr.appendChild(td);
    });
    document.querySelector('#results tbody').appendChild(tr);
  }

  function get(path) {
    return fetch(path, { cache: 'no-store' }).then(function (response) {
      return response.arrayBuffer().then(function (body) { return { path: path, response: response, body: body }; });
    }, function (error) {
      return { path: path, error: error };
    });
  }

  function text(result) { return new TextDecoder('utf-8').decode(result.body); }

  var EXPECTED = {
    wasm: { test: /^application\/wasm\b/i, name: 'application/wasm' },
    js: { test: JS, name: 'text/javascript' },
    css: { test: /^text\/css\b/i, name: 'text/css' },
    json: { test: /^application\/json\b/i, name: 'application/json' },
    webmanifest: { test: /^application\/(manifest\+)?json\b/i, name: 'application/manifest+json' },
    html: { test: /^text\/html\b/i, name: 'text/html' },
    svg: { test: /^image\/svg\+xml\b/i, name: 'image/svg+xml' },
    png: { test: /^image\/png\b/i, name: 'image/png' }
  };
  var HASHED = /-[0-9a-f]{8,}(_bg)?\.(js|wasm|wasm\.lzma|css)$/;

  function checkFile(result) {
    var path = result.path;
    if (result.error) {
      row('bad', path, '无法连接服务器：' + result.error.message);
      return false;
    }
    var r = result.response;
    if (!r.ok) {
      var hint = r.status === 404 && /\.(wasm|lzma|webmanifest|json)$/.test(path)
        ? '。IIS 对不认识的扩展名也返回 404：请确认 dist/ 中的 web.config 已一同复制到网站目录。'
        : '。请确认 dist/ 的全部文件都已复制。';
      row('bad', path, '服务器返回 HTTP ' + r.status + hint);
      return false;
    }
    var type = r.headers.get('Content-Type') || '（无）';
    var ext = path.split('.').pop();
    var expected = EXPECTED[ext];
    if (expected && !expected.test.test(type)) {
      var level = ext === 'wasm' || ext === 'js' ? 'bad' : 'warn';
      row(level, path, 'Content-Type 是 ' + type + '，应为 ' + expected.name +
        (ext === 'wasm' ? '。浏览器会拒绝或变慢：IIS 请复制 web.config；nginx 请在配置中加 types { application/wasm wasm; }。' : '。'));
      return false;
    }
    var cache = r.headers.get('Cache-Control') || '';
    var detail = 'Content-Type: ' + type + (cache ? '；Cache-Control: ' + cache : '');
    if (HASHED.test(path)) {
      if (!/max-age=\d{6,}/.test(cache)) {
        row('warn', path, detail + '。文件名带哈希，内容不会变，可设长期缓存（max-age=31536000）以加快再次打开；不影响使用。');
        return true;
      }
    } else if (!/no-cache|max-age=0\b|no-store/.test(cache)) {
      row('warn', path, detail + '。建议设 Cache-Control: no-cache，否则新版本部署后浏览器可能继续用旧文件一段时间。');
      return true;
    }
    row('ok', path, detail);
    return true;
  }

  function assets(html) {
    var found = [];
    var re = /(?:href|src)="(?:\.\/)?([^"#?:]+)"/g;
    var m;
    while ((m = re.exec(html))) if (found.indexOf(m[1]) < 0) found.push(m[1]);
    return found;
  }

  /** The wasm of a .lzma, unpacked by the pages' own decoder (unlzma.js, loaded by check.html). A
   * wasm itself is returned as it is. */
  function unpacked(r) {
    if (!/\.lzma$/.test(r.path)) return Promise.resolve(r.body);
    if (typeof zrzUnlzma !== 'function') return Promise.reject(new Error('解压程序 unlzma.js 未能加载'));
    return zrzUnlzma(new Uint8Array(r.body)).catch(function (e) { throw new Error('无法解压（' + e.message + '）'); });
  }

  function version(html) {
    var m = /<meta name="zrz-version" content="([^"]*)">/.exec(html);
    return m ? m[1] : null;
  }

  function run() {
    if (window.isSecureContext && 'serviceWorker' in navigator) {
      row('ok', '离线使用', '本地址可以使用离线缓存：打开过一次后，服务器停机时应用仍能打开。');
    } else {
      row('warn', '离线使用', '本地址不是 HTTPS（也不是本机 localhost），浏览器不允许离线缓存：应用照常可用，但服务器停机时打不开。需要离线使用时，请为网站配置 HTTPS，或改发单文件版（zrz-single.html）。口令加密导出同样需要 HTTPS。');
    }
    Promise.all([get('index.html'), get('full.html'), get('sw.js')]).then(function (pages) {
      var names = [];
      var versions = [];
      pages.forEach(function (page) {
        if (!checkFile(page)) return;
        var html = text(page);
        if (page.path === 'sw.js') {
          var m = /var VERSION = "([^"]*)"/.exec(html);
          versions.push(['sw.js', m ? m[1] : null]);
          return;
        }
        versions.push([page.path, version(html)]);
        assets(html).forEach(function (a) {
          // The pages fetch their wasm LZMA-packed; the wasm itself is the fallback, checked too.
          var also = /_bg\.wasm\.lzma$/.test(a) ? [a, a.slice(0, -5)] : [a];
          also.forEach(function (n) { if (names.indexOf(n) < 0) names.push(n); });
        });
      });
      var distinct = versions.map(function (v) { return v[1]; }).filter(function (v, i, all) { return all.indexOf(v) === i; });
      if (versions.length === 3 && distinct.length === 1 && distinct[0]) {
        row('ok', '版本一致', 'index.html、full.html 与 sw.js 属于同一次构建（' + distinct[0] + '）。');
      } else if (versions.length === 3) {
        row('bad', '版本一致', '文件来自不同的构建（' + versions.map(function (v) { return v[0] + ' ' + v[1]; }).join('，') + '）：部署不完整，请把 dist/ 的全部文件重新完整复制一遍。');
      }
      // Not named by the pages: the published schema, and the 汇总 page's reader worker (started by
      // the app itself; without it the office's page still works, only slower; it fetches its wasm
      // compressed too).
      ['schema/zrz-exchange-v2.schema.json', 'unlzma.js', 'reader_loader.js', 'reader.js', 'reader_bg.wasm.lzma', 'reader_bg.wasm'].forEach(function (n) { if (names.indexOf(n) < 0) names.push(n); });
      return Promise.all(names.map(get)).then(function (results) {
        var wasm = [];
        results.forEach(function (r) {
          if (checkFile(r) && /\.wasm(\.lzma)?$/.test(r.path)) wasm.push(r);
        });
        return Promise.all(wasm.map(function (r) {
          return unpacked(r).then(function (bytes) { return WebAssembly.compile(bytes); }).then(function () {
            row('ok', r.path + ' 的内容', '本浏览器能够编译此 WebAssembly 文件（' + r.body.byteLength + ' 字节）。');
          }, function (e) {
            row('bad', r.path + ' 的内容', '本浏览器无法编译此文件：' + e.message + '。文件可能在复制中损坏，或被安全软件改写，或浏览器版本过旧。');
          });
        }));
      });
    }).then(function () {
      var bad = rows.filter(function (l) { return l === 'bad'; }).length;
      var warn = rows.filter(function (l) { return l === 'warn'; }).length;
      var summary = document.getElementById('summary');
      summary.setAttribute('data-result', bad ? 'bad' : warn ? 'warn' : 'ok');
      summary.textContent = bad
        ? '发现 ' + bad + ' 个错误' + (warn ? '、' + warn + ' 处注意事项' : '') + '：应用可能无法正常使用，请按下表说明处理。'
        : warn ? '没有错误；有 ' + warn + ' 处注意事项，见下表。' : '全部检查通过。';
    });
  }

  run();
})();
