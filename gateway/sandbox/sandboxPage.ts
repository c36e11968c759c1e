// The sandbox web chat: one self-contained page (no build step), shipped inside the compiled code.
export const SANDBOX_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lexbot sandbox</title>
<style>
  :root { font-family: system-ui, sans-serif; color-scheme: light dark; }
  body { margin: 0; display: flex; flex-direction: column; height: 100vh; }
  header { padding: .6rem 1rem; border-bottom: 1px solid #8884; display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; }
  header input, header select { padding: .3rem; }
  #log { flex: 1; overflow-y: auto; padding: 1rem; display: flex; flex-direction: column; gap: .5rem; }
  .msg { max-width: 70%; padding: .5rem .75rem; border-radius: .8rem; white-space: pre-wrap; overflow-wrap: anywhere; }
  .user { align-self: flex-end; background: #3b82f633; }
  .bot { align-self: flex-start; background: #8882; }
  .keys { display: grid; gap: .25rem; margin-top: .4rem; }
  .row { display: flex; gap: .25rem; }
  .row button { flex: 1; padding: .35rem; border-radius: .4rem; border: 1px solid #8886; background: none; cursor: pointer; }
  form { display: flex; gap: .5rem; padding: .6rem 1rem; border-top: 1px solid #8884; }
  form input { flex: 1; padding: .5rem; }
</style>
</head>
<body>
<header>
  <strong>lexbot sandbox</strong>
  <label>Name <input id="name" value="Alex" maxlength="64"></label>
  <label>Telegram id <input id="uid" type="number" min="1" style="width:9rem"></label>
  <label>Language <select id="lang"><option>en</option><option>ru</option><option>de</option><option>es</option></select></label>
</header>
<main id="log" aria-live="polite"></main>
<form id="send"><input id="text" placeholder="Write to the bot… (/start, /help)" maxlength="4096" autocomplete="off"><button>Send</button></form>
<script>
const $ = (id) => document.getElementById(id);
$('uid').value = localStorage.getItem('uid') || String(100000 + Math.floor(Math.random() * 900000));
const me = () => { localStorage.setItem('uid', $('uid').value); return { userId: Number($('uid').value), firstName: $('name').value || 'Alex', languageCode: $('lang').value }; };
const post = (path, body) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
let last = '';
async function refresh() {
  const response = await fetch('/sandbox/api/chats/' + me().userId);
  if (!response.ok) return;
  const { messages } = await response.json();
  const text = JSON.stringify(messages);
  if (text === last) return;
  last = text;
  const log = $('log');
  log.replaceChildren(...messages.map((m) => {
    const div = document.createElement('div');
    div.className = 'msg ' + m.from;
    div.textContent = m.text;
    if (m.from === 'bot' && m.keyboard.length > 0) {
      const keys = document.createElement('div');
      keys.className = 'keys';
      for (const row of m.keyboard) {
        const r = document.createElement('div');
        r.className = 'row';
        for (const key of row) {
          const b = document.createElement('button');
          b.textContent = key.text;
          if (key.callback_data) b.onclick = () => post('/sandbox/api/press', { ...me(), data: key.callback_data, messageId: m.messageId });
          else if (key.url) b.onclick = () => window.open(key.url, '_blank');
          r.append(b);
        }
        keys.append(r);
      }
      div.append(keys);
    }
    return div;
  }));
  log.scrollTop = log.scrollHeight;
}
$('send').onsubmit = async (event) => {
  event.preventDefault();
  const text = $('text').value.trim();
  if (!text) return;
  $('text').value = '';
  await post('/sandbox/api/messages', { ...me(), text });
  refresh();
};
setInterval(refresh, 800);
refresh();
</script>
</body>
</html>
`;
