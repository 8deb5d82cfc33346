/**
 * The progressive-enhancement script (served as /static/hcpcs.js). Pages work without it; with it,
 * every search box gets suggestions as you type (the WAI-ARIA 1.2 combobox pattern: arrow keys
 * move, Enter opens the chosen code, Escape closes). Release selectors keep their button: submitting
 * on change would move keyboard users away while they arrow through the options (WCAG 3.2.2).
 * Copy buttons copy a code (or code and description); "/" focuses the search box; code pages are
 * remembered as recent codes and can be made favourites (this browser's localStorage), listed on
 * the home page with checkboxes that make a printable pick list; Print buttons open the print dialog.
 * Plain ES2017, no library, no external request: it calls only this app's `/_suggest`.
 */
export const CLIENT_SCRIPT = `(function(){
'use strict';
var n=0;
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
function setup(input){
  var form=input.form, id='suggest-'+(++n), list=el('ul','suggest'), items=[], active=-1, timer=0, blurTimer=0, seq=0;
  list.id=id;list.setAttribute('role','listbox');list.setAttribute('aria-label','Suggestions');list.hidden=true;
  input.setAttribute('role','combobox');input.setAttribute('aria-autocomplete','list');
  input.setAttribute('aria-expanded','false');input.setAttribute('aria-controls',id);
  var status=el('div','visually-hidden');status.setAttribute('role','status');status.setAttribute('aria-live','polite');
  form.appendChild(list);form.appendChild(status);
  function close(){list.hidden=true;input.setAttribute('aria-expanded','false');input.removeAttribute('aria-activedescendant');active=-1;}
  function mark(i){
    var lis=list.children;
    for(var k=0;k<lis.length;k++)lis[k].setAttribute('aria-selected',k===i?'true':'false');
    active=i;
    if(i>=0){input.setAttribute('aria-activedescendant',lis[i].id);lis[i].scrollIntoView({block:'nearest'});}
    else input.removeAttribute('aria-activedescendant');
  }
  function go(i){var h=items[i];if(h)location.href='/codes/'+encodeURIComponent(h.code);}
  function render(data){
    items=data.hits||[];list.textContent='';
    items.forEach(function(h,i){
      var li=el('li');li.id=id+'-'+i;li.setAttribute('role','option');li.setAttribute('aria-selected','false');
      li.appendChild(el('code',null,h.code));li.appendChild(document.createTextNode(h.description));
      if(h.status&&h.status!=='active'){li.appendChild(document.createTextNode(' '));li.appendChild(el('span','muted','('+h.status+')'));}
      li.addEventListener('mousedown',function(ev){ev.preventDefault();go(i);});
      list.appendChild(li);
    });
    if(items.length){list.hidden=false;input.setAttribute('aria-expanded','true');}else close();
    active=-1;
    status.textContent=items.length?(data.total+' matches, '+items.length+' shown; arrow keys to choose'):'No suggestions';
  }
  // The user closed the list (Escape): answers still on their way must not reopen it.
  function dismiss(){clearTimeout(timer);seq++;close();}
  function fetchNow(){
    var q=input.value.trim(), mine=++seq;
    if(!q){render({hits:[],total:0});status.textContent='';return;}
    fetch('/_suggest?q='+encodeURIComponent(q),{headers:{accept:'application/json'}})
      .then(function(r){return r.ok?r.json():{hits:[],total:0};})
      .then(function(d){if(mine===seq)render(d);})
      .catch(function(){});
  }
  input.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(fetchNow,60);});
  input.addEventListener('keydown',function(ev){
    if(ev.key==='ArrowDown'){if(list.hidden&&input.value.trim()){fetchNow();return;}ev.preventDefault();if(items.length)mark((active+1)%items.length);}
    else if(ev.key==='ArrowUp'){ev.preventDefault();if(items.length)mark(active<=0?items.length-1:active-1);}
    else if(ev.key==='Enter'){if(!list.hidden&&active>=0){ev.preventDefault();go(active);}}
    else if(ev.key==='Escape'){if(!list.hidden)ev.preventDefault();dismiss();}
  });
  // Closing waits for a click on a suggestion to land; coming back before then cancels it (a
  // background tab's timers can run seconds late, and must not close a list opened since).
  input.addEventListener('blur',function(){clearTimeout(blurTimer);blurTimer=setTimeout(close,150);});
  input.addEventListener('focus',function(){clearTimeout(blurTimer);});
}
// Copy buttons (hidden without a script, since they need one): the text goes to the clipboard and
// the button says so for a moment; a live region tells screen-reader users too.
function setupCopy(row){
  row.hidden=false;
  var said=el('span','visually-hidden');said.setAttribute('role','status');row.appendChild(said);
  var buttons=row.querySelectorAll('button[data-copy]');
  for(var i=0;i<buttons.length;i++)(function(b){
    var label=b.textContent;
    b.addEventListener('click',function(){
      var done=function(ok){b.textContent=ok?'Copied':'Copy failed';said.textContent=ok?'Copied: '+b.getAttribute('data-copy'):'Copy failed';setTimeout(function(){b.textContent=label;},1500);};
      if(navigator.clipboard)navigator.clipboard.writeText(b.getAttribute('data-copy')).then(function(){done(true);},function(){done(false);});else done(false);
    });
  })(buttons[i]);
}
// "/" moves to the search box, as on many sites coders use; never while typing in a field.
function slashToSearch(ev){
  if(ev.key!=='/'||ev.ctrlKey||ev.metaKey||ev.altKey)return;
  var t=ev.target;
  if(t&&(t.isContentEditable||/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))return;
  var box=document.querySelector('input[data-suggest]');
  if(box){ev.preventDefault();box.focus();box.select();}
}
// Recent codes and favourites, kept in this browser only (localStorage; no account, nothing sent).
var RECENT='hcpcs.recent', FAV='hcpcs.favourites';
function load(key){try{var v=JSON.parse(localStorage.getItem(key)||'[]');return Array.isArray(v)?v:[];}catch(e){return [];}}
function save(key,list){try{localStorage.setItem(key,JSON.stringify(list));}catch(e){}}
function remember(box){
  var code=box.getAttribute('data-code'), desc=box.getAttribute('data-description')||'';
  var recent=load(RECENT).filter(function(x){return x.code!==code;});
  recent.unshift({code:code,description:desc});save(RECENT,recent.slice(0,10));
  var b=el('button','button-secondary');b.type='button';
  function paint(){var on=load(FAV).some(function(x){return x.code===code;});b.setAttribute('aria-pressed',on?'true':'false');b.textContent=on?'\u2605 Favourite':'\u2606 Add to favourites';}
  b.addEventListener('click',function(){
    var favs=load(FAV), on=favs.some(function(x){return x.code===code;});
    save(FAV,on?favs.filter(function(x){return x.code!==code;}):favs.concat([{code:code,description:desc}]));paint();
  });
  paint();box.appendChild(b);box.hidden=false;
}
function listOf(title,items,id){
  var s=el('section');s.setAttribute('aria-labelledby',id);
  var h=el('h2',null,title);h.id=id;s.appendChild(h);
  var ul=el('ul','code-list');
  items.forEach(function(x){var li=el('li'),a=el('a');a.href='/codes/'+encodeURIComponent(x.code);a.appendChild(el('code',null,x.code));li.appendChild(a);li.appendChild(document.createTextNode(' '+x.description));ul.appendChild(li);});
  s.appendChild(ul);return s;
}
function showMemory(box){
  var recent=load(RECENT), favs=load(FAV);
  if(!recent.length&&!favs.length)return;
  if(favs.length){
    var s=listOf('Favourites',favs,'favourites-h'), codes=encodeURIComponent(favs.map(function(x){return x.code;}).join(' '));
    var p=el('p'),a=el('a',null,'Compare the favourites'),b=el('a',null,'Print the favourites as a pick list');
    a.href='/compare?codes='+codes;b.href='/picklist?codes='+codes;p.appendChild(a);p.appendChild(document.createTextNode(' \u00b7 '));p.appendChild(b);s.appendChild(p);box.appendChild(s);
  }
  if(recent.length)box.appendChild(listOf('Recent codes',recent,'recent-h'));
  box.appendChild(pickForm(favs,recent));
  box.hidden=false;
}
// The codes of both lists as checkboxes (favourites checked) sent to the printable pick list.
function pickForm(favs,recent){
  var f=el('form','pick-form');f.action='/picklist';f.method='get';
  var fs=el('fieldset'),lg=el('legend',null,'Choose codes for a printable pick list');fs.appendChild(lg);
  var seen={};
  favs.concat(recent).forEach(function(x){
    if(seen[x.code])return;seen[x.code]=1;
    var l=el('label'),c=el('input');c.type='checkbox';c.name='codes';c.value=x.code;c.checked=favs.indexOf(x)>=0;
    l.appendChild(c);l.appendChild(document.createTextNode(' '+x.code));fs.appendChild(l);
  });
  var go=el('button',null,'Make a pick list');go.type='submit';fs.appendChild(go);f.appendChild(fs);return f;
}
function init(){
  var inputs=document.querySelectorAll('input[data-suggest]');
  for(var i=0;i<inputs.length;i++)setup(inputs[i]);
  var rows=document.querySelectorAll('[data-copy-row]');
  for(var j=0;j<rows.length;j++)setupCopy(rows[j]);
  document.addEventListener('keydown',slashToSearch);
  var mine=document.querySelector('[data-remember]');if(mine)remember(mine);
  var memory=document.querySelector('[data-memory]');if(memory)showMemory(memory);
  // The printed footer names where and when the page was printed (the server cannot know either).
  var prints=document.querySelectorAll('button[data-print]');
  for(var k=0;k<prints.length;k++){prints[k].hidden=false;prints[k].addEventListener('click',function(){window.print();});}
  var foot=document.querySelector('[data-print-url]');
  if(foot)foot.textContent=location.href+' · printed '+new Date().toISOString().slice(0,10);
}
if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',init);else init();
})();
`;
