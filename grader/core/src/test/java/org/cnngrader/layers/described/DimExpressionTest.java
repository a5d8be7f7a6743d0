package org.cnngrader.layers.described;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DimExpressionTest {

  private static final Map<String, Long> LESSON =
      Map.of("H", 5L, "HH", 3L, "pad", 1L, "stride", 2L, "N", 4L);

  @Test
  void derivesTheOutputSizeWithTheCasesNumbersAsTheLessonDoes() {
    DimExpression size = DimExpression.parse("(H - HH + 2*pad)/stride + 1");

    assertThat(size.value(LESSON)).isEqualTo(3);
    assertThat(size.substituted(LESSON)).isEqualTo("(5 - 3 + 2*1)/2 + 1");
    assertThat(size.derivation(LESSON))
        .isEqualTo("(H - HH + 2*pad)/stride + 1 = (5 - 3 + 2*1)/2 + 1 = 3");
    assertThat(size.symbols()).containsExactly("H", "HH", "pad", "stride");
    assertThat(size.isSymbol()).isFalse();
  }

  @Test
  void aSymbolAloneDerivesToItsNumberAndBindsIt() {
    DimExpression n = DimExpression.parse(" N ");

    assertThat(n.isSymbol()).isTrue();
    assertThat(n.derivation(LESSON)).isEqualTo("N = 4");
    assertThat(DimExpression.parse("2").derivation(LESSON)).isEqualTo("2");
  }

  @Test
  void dividesAsJavaDoesAndMultipliesBeforeItAdds() {
    assertThat(DimExpression.parse("(H - 2)/2").value(LESSON)).isEqualTo(1);
    assertThat(DimExpression.parse("(HH - H)/stride").value(LESSON)).isEqualTo(-1);
    assertThat(DimExpression.parse("1 + N*H - 2").value(LESSON)).isEqualTo(19);
    assertThat(DimExpression.parse("N - H - 1").value(LESSON)).isEqualTo(-2);
    assertThat(DimExpression.parse("-N + 5").value(LESSON)).isEqualTo(1);
  }

  @Test
  void refusesWhatIsNoExpressionSayingWhereAndWhy() {
    assertThatThrownBy(() -> DimExpression.parse("H -"))
        .hasMessage("ends where a number, a symbol or '(' should follow: H -");
    assertThatThrownBy(() -> DimExpression.parse("(H + 1"))
        .hasMessage("has a '(' that is never closed: (H + 1");
    assertThatThrownBy(() -> DimExpression.parse("H ^ 2"))
        .hasMessage(
            "'^' at column 3 is not part of an expression (integers, symbols, + - * / and"
                + " parentheses)");
    assertThatThrownBy(() -> DimExpression.parse("H 2"))
        .hasMessage("'2' at column 3 is unexpected in H 2");
    assertThatThrownBy(() -> DimExpression.parse("  ")).hasMessage("is empty");
  }

  @Test
  void aDivisionByZeroIsAnArithmeticError() {
    assertThatThrownBy(() -> DimExpression.parse("H/(stride - 2)").value(LESSON))
        .isInstanceOf(ArithmeticException.class)
        .hasMessage("divides by zero");
  }
}
