package org.cnngrader.report;

import java.math.BigDecimal;

/** Cells of the CSV files a TA opens in a spreadsheet or imports into an LMS. */
public final class SpreadsheetCells {

  private SpreadsheetCells() {}

  /**
   * The cell with a leading apostrophe when a spreadsheet would run it as a formula (it starts with
   * =, +, -, @, a tab or a carriage return), as is customary against CSV injection: ids come from
   * file names students chose, names from what they typed into the LMS.
   */
  public static String inert(String cell) {
    return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
  }

  /** 2, 0.5, 208: no exponent, no trailing zeros. */
  public static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
