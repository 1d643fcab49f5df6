package dev.modelmonitor.ui.chart;

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

/** Parses chart output as XML (which also proves it is well-formed) and queries it by XPath. */
final class SvgDom {
  private final Document doc;

  private SvgDom(Document doc) {
    this.doc = doc;
  }

  static SvgDom parse(String svg) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return new SvgDom(f.newDocumentBuilder().parse(new InputSource(new StringReader(svg))));
    } catch (Exception e) {
      throw new AssertionError("not well-formed SVG: " + e.getMessage() + "\n" + svg, e);
    }
  }

  Element root() {
    return doc.getDocumentElement();
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

  static double num(Element e, String attribute) {
    return Double.parseDouble(e.getAttribute(attribute));
  }

  /** Visible text of the chart's text elements. */
  List<String> texts(String xpath) {
    return all(xpath).stream().map(Element::getTextContent).toList();
  }
}
