package dev.modelmonitor.report;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Parses the report HTML as XML (the renderer writes well-formed markup, which this also checks)
 * and queries it with XPath; {@code local-name()} reaches into inline SVG.
 */
final class XmlDom {
  private final Document doc;

  private XmlDom(Document doc) {
    this.doc = doc;
  }

  static XmlDom parse(String markup) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setExpandEntityReferences(false);
      return new XmlDom(f.newDocumentBuilder().parse(new InputSource(new StringReader(markup))));
    } catch (Exception e) {
      throw new AssertionError("not well-formed: " + e.getMessage(), e);
    }
  }

  List<Element> all(String xpath) {
    try {
      NodeList nodes =
          (NodeList)
              XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
      List<Element> out = new ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        out.add((Element) nodes.item(i));
      }
      return out;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  Element one(String xpath) {
    List<Element> found = all(xpath);
    if (found.size() != 1) {
      throw new AssertionError("expected one match of " + xpath + " but found " + found.size());
    }
    return found.get(0);
  }

  String text(String xpath) {
    return one(xpath).getTextContent();
  }

  List<String> texts(String xpath) {
    return all(xpath).stream().map(Element::getTextContent).toList();
  }
}
