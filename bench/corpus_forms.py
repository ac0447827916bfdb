#!/usr/bin/python3
"""The output forms of bench/corpus.py: an article as an HTML page, as a gzip WARC response record
(one gzip member per record, mtime 0 so the bytes depend on the article only), and a chunk of
articles as an RSS 2.0 feed with content:encoded. An article is the dict corpus.py builds (url,
outlet, published, title, text with one paragraph a line, lang)."""
import gzip
import hashlib
from xml.sax.saxutils import escape as xml_escape


def rfc3339(t):
    return t.strftime('%Y-%m-%dT%H:%M:%SZ')


def rfc822(t):
    days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
    months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
    return '%s, %02d %s %04d %02d:%02d:%02d GMT' % (days[t.weekday()], t.day, months[t.month - 1],
                                                    t.year, t.hour, t.minute, t.second)


def html_escape(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')


NAV = ['Home', 'World', 'Politics', 'Business', 'Technology', 'Sports', 'Culture', 'Opinion']


def page(a):
    o = a['outlet']
    paras = ''.join('<p>%s</p>\n' % html_escape(p) for p in a['text'].split('\n'))
    nav = ''.join('<li><a href="https://%s/%s">%s</a></li>' % (o['domain'], n.lower(), n) for n in NAV)
    return ('<!DOCTYPE html>\n<html lang="%s"><head><meta charset="utf-8">\n<title>%s | %s</title>\n'
            '<link rel="canonical" href="%s">\n<meta property="article:published_time" content="%s">\n'
            '</head><body>\n<header><a class="logo" href="https://%s/">%s</a><nav><ul>%s</ul></nav></header>\n'
            '<main><article><h1>%s</h1>\n<div class="body">\n%s</div></article>\n'
            '<aside><h2>Most read</h2><ul><li><a href="https://%s/more">More from %s</a></li></ul></aside></main>\n'
            '<footer><p>\u00a9 %d %s. All rights reserved.</p><p><a href="https://%s/privacy">Privacy</a> '
            '<a href="https://%s/terms">Terms</a></p></footer>\n</body></html>\n') % (
        a['lang'], html_escape(a['title']), html_escape(o['name']), a['url'], rfc3339(a['published']),
        o['domain'], html_escape(o['name']), nav, html_escape(a['title']), paras, o['domain'],
        html_escape(o['name']), a['published'].year, html_escape(o['name']), o['domain'], o['domain'])


def warc_record(a, n):
    body = page(a).encode('utf-8')
    http = (b'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n'
            % len(body)) + body
    rid = hashlib.sha1(a['url'].encode()).hexdigest()
    head = ('WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s-%s-%s-%s-%s>\r\n'
            'WARC-Date: %s\r\nWARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\n'
            'Content-Length: %d\r\n\r\n') % (rid[:8], rid[8:12], rid[12:16], rid[16:20], rid[20:32],
                                          rfc3339(a['published']), a['url'], len(http))
    return gzip.compress(head.encode() + http + b'\r\n\r\n', compresslevel=6, mtime=0)


def rss(items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>'
           '<title>Headwater bench feed</title><link>https://example.org/</link>'
           '<description>generated</description>\n']
    for a in items:
        html = ''.join('<p>%s</p>' % html_escape(p) for p in a['text'].split('\n'))
        out.append('<item><title>%s</title><link>%s</link><pubDate>%s</pubDate>'
                   '<content:encoded>%s</content:encoded></item>\n' % (
                       xml_escape(a['title']), xml_escape(a['url']), rfc822(a['published']),
                       xml_escape(html)))
    out.append('</channel></rss>\n')
    return ''.join(out)


