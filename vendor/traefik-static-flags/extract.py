import subprocess, re, json, sys
TAGS = ['v2.11.53','v3.0.4','v3.1.7','v3.2.5','v3.3.7','v3.4.5','v3.5.6','v3.6.24','v3.7.9']
def show(tag, path):
    r = subprocess.run(['git','show',f'{tag}:{path}'], capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else ''
flags = {}
for i, tag in enumerate(TAGS):
    cli = show(tag, 'docs/content/reference/static-configuration/cli-ref.md')
    found = {}
    if cli.count('\n`--') > 10:
        for m in re.finditer(r'^`--([^`]+)`:\s*\n(.*?)(?=\n\n|\Z)', cli, re.S | re.M):
            d = re.search(r'\(Default: ```(.*?)```\)', m.group(2), re.S)
            found[m.group(1)] = d.group(1) if d else None
        src = 'docs/content/reference/static-configuration/cli-ref.md'
    else:
        tab = show(tag, 'docs/content/reference/install-configuration/configuration-options.md')
        for line in tab.splitlines():
            m = re.match(r'^\| <a id="[^"]*" href="[^"]*" title="[^"]*">([^<]+)</a> \|(.*)\|\s*$', line)
            if not m: continue
            name = re.sub(r'_([a-z]+)_', r'<\1>', m.group(1))
            cells = m.group(2).rsplit('|', 1)
            d = cells[1].strip() if len(cells) == 2 else ''
            found[name] = d if d != '' else None
        src = 'docs/content/reference/install-configuration/configuration-options.md'
    print(tag, src, len(found), file=sys.stderr)
    for name, d in found.items():
        e = flags.setdefault(name, {'tags': [], 'default': d})
        e['tags'].append(i)
        if d is not None: e['default'] = d
json.dump({'tags': TAGS, 'flags': flags}, open('/tmp/t51/raw.json','w'), indent=0)
