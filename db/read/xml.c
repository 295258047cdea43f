/* xml.c: libxml2 for the office readers (see xmlsafe.h).  Office XML
 * never carries a document type declaration, so one is refused where
 * the parser meets it: no entity is ever declared, let alone expanded
 * (the billion-laughs file stops at its DOCTYPE), and nothing is
 * fetched (XML_PARSE_NONET, no XML_PARSE_DTDLOAD).  XML_PARSE_HUGE stays
 * off, keeping libxml2's limits on depth and text node size. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "xmalloc.h"
#include "xmlsafe.h"
#include "zipread.h"

struct state {
	int	dtd;
};

static void
refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *ext,
    const xmlChar *sys)
{
	xmlParserCtxtPtr	 c = ctx;
	struct state		*s = c->_private;

	s->dtd = 1;
	xmlStopParser(c);
}

xmlDoc *
xmlsafe_parse(const char *file, const char *member, const char *buf,
    size_t len, struct diag *d)
{
	xmlParserCtxtPtr	 c;
	xmlDoc			*doc = NULL;
	struct state		 s = { 0 };
	const xmlError		*e;
	char			*msg, *hint;

	if (len > INT_MAX) {
		diag_error(d, file, 0, 0, "%s: too large", member);
		return NULL;
	}
	xmlInitParser();
	if ((c = xmlNewParserCtxt()) == NULL) {
		diag_error(d, file, 0, 0, "%s: out of memory", member);
		return NULL;
	}
	c->_private = &s;
	c->sax->internalSubset = refuse_dtd;
	doc = xmlCtxtReadMemory(c, buf, (int)len, member, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (s.dtd) {
		diag_error(d, file, 0, 0, "%s: has a document type "
		    "declaration, which office files never have (an XML "
		    "entity attack?)", member);
		goto fail;
	}
	if (doc == NULL || !c->wellFormed) {
		e = xmlCtxtGetLastError(c);
		msg = xstrdup(e != NULL && e->message != NULL ? e->message :
		    "unknown error");
		msg[strcspn(msg, "\n")] = '\0';
		/* Advice for programs, not for the reader of the message. */
		if ((hint = strstr(msg, " use XML_PARSE_HUGE")) != NULL)
			*hint = '\0';
		diag_error(d, file, 0, 0, "%s: line %d: not well-formed XML "
		    "(%s)", member, e != NULL ? e->line : 0, msg);
		free(msg);
		goto fail;
	}
	xmlFreeParserCtxt(c);
	return doc;
fail:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(c);
	return NULL;
}

int
xmlsafe_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

const char *
xmlsafe_attr(const xmlNode *n, const char *name)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, name) == 0)
			return a->children != NULL &&
			    a->children->type == XML_TEXT_NODE &&
			    a->children->content != NULL ?
			    (const char *)a->children->content : "";
	return NULL;
}

xmlNode *
xmlsafe_child(const xmlNode *n, const char *name)
{
	if (n == NULL)
		return NULL;
	for (xmlNode *c = n->children; c != NULL; c = c->next)
		if (xmlsafe_is(c, name))
			return c;
	return NULL;
}

void
xmlsafe_text(const xmlNode *n, struct buf *out)
{
	if (n == NULL)
		return;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content != NULL)
				buf_adds(out, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE)
			xmlsafe_text(c, out);
	}
}

xmlNode *
xmlparts_read(struct xmlparts *p, struct zipread *z, const char *file,
    const char *name, struct diag *d, int *err)
{
	char	*buf;
	size_t	 len;
	xmlDoc	*doc;
	int	 rc;

	if (p->n == XMLPARTS_MAX)
		return NULL;
	if ((rc = zipread_member(z, name, &buf, &len, d)) != 0) {
		if (rc < 0)
			*err = 1;
		return NULL;
	}
	doc = xmlsafe_parse(file, name, buf, len, d);
	free(buf);
	if (doc == NULL) {
		*err = 1;
		return NULL;
	}
	p->v[p->n++] = doc;
	return xmlDocGetRootElement(doc);
}

void
xmlparts_free(struct xmlparts *p)
{
	for (int i = 0; i < p->n; i++)
		xmlFreeDoc(p->v[i]);
	p->n = 0;
}

int
xmlsafe_int(const xmlNode *n, const char *name, long min, int dflt)
{
	const char	*v = xmlsafe_attr(n, name);
	char		*end;
	long		 l;

	if (v == NULL)
		return dflt;
	l = strtol(v, &end, 10);
	return end != v && l >= min && l < 1000000 ? (int)l : dflt;
}
