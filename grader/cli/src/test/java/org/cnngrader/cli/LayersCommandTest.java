package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.described.FileLayer;
import org.cnngrader.layers.described.LayerDescription;
import org.cnngrader.layers.described.LayerFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayersCommandTest {

  private final CommandLineRun cli = new CommandLineRun();

  @TempDir Path temp;

  @Test
  void listPrintsEachLayerOfTheRootWithWhereItIsDescribedAndItsPartsPoints() {
    Path described = CommandLineRun.home().resolve("fixtures/described");

    assertThat(cli.run("layers", "list")).isZero();
    assertThat(cli.stdout())
        .startsWith(
            "conv2d cnn.Conv2d built-in: forward_shape 1, forward 2, dx 2, dw 2, db 1"
                + " (8 points a case)\n"
                + "maxpool2d cnn.MaxPool2d built-in: forward_shape 1, forward 2, dx 2"
                + " (5 points a case)\n");
    CommandLineRun copy = new CommandLineRun();
    assertThat(copy.run("layers", "list", "--fixtures", described.toString())).isZero();
    assertThat(copy.stdout())
        .isEqualTo(
            "conv2d cnn.Conv2d "
                + described.resolve("conv2d").resolve("layer.json")
                + ": forward_shape 1, forward 2, dx 2, dw 2, db 1 (8 points a case)\n"
                + "maxpool2d cnn.MaxPool2d built-in: forward_shape 1, forward 2, dx 2"
                + " (5 points a case)\n"
                + "spatial_groupnorm cnn.SpatialGroupNorm built-in: forward 2, dx 2, dgamma 1,"
                + " dbeta 1 (6 points a case)\n"
                + "spatial_batchnorm cnn.SpatialBatchNorm built-in: forward 2, running_mean 1,"
                + " running_var 1, dx 2, dgamma 1, dbeta 1, test 2 (10 points a case)\n");
  }

  @Test
  void describeWritesTheLayerAsAFileThatReadsBackIntoItsContract() throws Exception {
    Path file = temp.resolve("copy/conv2d/layer.json");

    assertThat(cli.run("layers", "describe", "conv2d")).isZero();
    assertThat(cli.stdout()).isEqualTo(LayerDescription.text(Conv2dLayer.LAYER));
    CommandLineRun toFile = new CommandLineRun();
    int code = toFile.run("layers", "describe", "conv2d", "--out", file.toString());

    assertThat(code).isZero();
    assertThat(toFile.stdout()).isEqualTo("wrote " + file + "\n");
    FileLayer read = LayerFile.read(file);
    assertThat(read.contract()).isEqualTo(Conv2dLayer.LAYER.contract());
    assertThat(Files.readString(file)).isEqualTo(LayerDescription.text(Conv2dLayer.LAYER));
  }

  @Test
  void anUnknownLayerOrFixturesFolderIsAUsageError() {
    assertThat(cli.run("layers", "describe", "conv3d")).isEqualTo(2);
    assertThat(cli.stderr())
        .startsWith(
            "grader: no layer conv3d; the layers are conv2d, maxpool2d, spatial_groupnorm,"
                + " spatial_batchnorm, affine, ");

    Path missing = temp.resolve("missing");
    CommandLineRun list = new CommandLineRun();
    assertThat(list.run("layers", "list", "--fixtures", missing.toString())).isEqualTo(2);
    assertThat(list.stderr()).isEqualTo("grader: fixtures folder not found: " + missing + "\n");
  }
}
