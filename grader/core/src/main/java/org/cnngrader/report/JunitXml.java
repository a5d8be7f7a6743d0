package org.cnngrader.report;

import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.runner.Excerpt;

/**
 * A submission's results as JUnit XML, which GitLab ({@code artifacts:reports:junit}) and other CI
 * systems read: one test suite named after the submission, one test case per graded part, and the
 * part's feedback as the failure message.
 */
public final class JunitXml {

  public static final String FILE = "junit.xml";

  /**
   * The JDK's own writer factory, found once: {@code newInstance()} searches system properties and
   * the class path for another at every call. Its writers are made per report; the factory holds no
   * state once made.
   */
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

  private JunitXml() {}

  public static String render(SubmissionResult result) {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter xml = FACTORY.createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      long failures = result.parts().size() - result.passedParts();
      String seconds = String.format(Locale.ROOT, "%.3f", result.elapsed().toMillis() / 1000.0);
      xml.writeStartElement("testsuites");
      attribute(xml, "name", result.id());
      attribute(xml, "tests", Integer.toString(result.parts().size()));
      attribute(xml, "failures", Long.toString(failures));
      attribute(xml, "time", seconds);
      xml.writeCharacters("\n  ");
      xml.writeStartElement("testsuite");
      attribute(xml, "name", result.id());
      attribute(xml, "tests", Integer.toString(result.parts().size()));
      attribute(xml, "failures", Long.toString(failures));
      attribute(xml, "errors", "0");
      attribute(xml, "skipped", "0");
      attribute(xml, "time", seconds);
      TextBudget budget = new TextBudget();
      for (PartResult part : result.parts()) {
        testCase(xml, result.id(), part, budget);
      }
      xml.writeCharacters("\n  ");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing XML to a string cannot fail", e);
    }
    return text.toString();
  }

  private static void testCase(XMLStreamWriter xml, String id, PartResult part, TextBudget budget)
      throws XMLStreamException {
    xml.writeCharacters("\n    ");
    xml.writeStartElement("testcase");
    attribute(xml, "classname", id + "." + part.fixture().name());
    String hidden = part.fixture().visibility() == Visibility.HIDDEN ? ", hidden case" : "";
    attribute(
        xml,
        "name",
        part.part().label()
            + " ("
            + FeedbackWriter.points(part.maxScore())
            + (part.maxScore() == 1 ? " point" : " points")
            + hidden
            + ")");
    attribute(xml, "time", "0");
    if (!part.passed()) {
      String feedback = budget.take(FeedbackWriter.describe(part));
      xml.writeCharacters("\n      ");
      xml.writeStartElement("failure");
      attribute(
          xml,
          "message",
          Excerpt.cut(feedback.lines().findFirst().orElse("failed"), TextBudget.PER_PART));
      attribute(xml, "type", part.verdict().getClass().getSimpleName());
      xml.writeCharacters(XmlText.clean(feedback));
      xml.writeEndElement();
      xml.writeCharacters("\n    ");
    }
    xml.writeEndElement();
  }

  private static void attribute(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    xml.writeAttribute(name, XmlText.clean(value));
  }
}
