package org.cnngrader.runner;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the child JVM: {@code ChildMain SOCKET CLASSES}. It talks to the parent over a
 * Unix domain socket, never over stdout, so that whatever the student's code prints (even to the
 * raw file descriptor) cannot corrupt or forge a result. It receives the contracts of the layers to
 * grade and the cases' inputs only; expected values never leave the parent. The student's classes
 * come from the folder CLASSES, which is not on the class path: each case loads them afresh.
 */
public final class ChildMain {

  /** More layers than any assignment has: a larger count is not this protocol. */
  static final int MAX_LAYERS = 64;

  private ChildMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ChildMain SOCKET CLASSES");
      System.exit(2);
    }
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(Path.of(args[0]));
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(address);
      DataInputStream in =
          new DataInputStream(
              new BufferedInputStream(Channels.newInputStream(channel), Wire.STREAM_BUFFER));
      Replies replies =
          new Replies(
              new DataOutputStream(
                  new BufferedOutputStream(Channels.newOutputStream(channel), Wire.STREAM_BUFFER)));
      ExitWatch exitWatch = new ExitWatch(replies);
      exitWatch.install();
      OutputMarks marks = new OutputMarks();
      serve(new StudentClasses(Path.of(args[1])), in, replies, exitWatch, marks);
    } finally {
      // However the conversation ends (QUIT, or the parent gone), student threads that never end
      // must not keep the child alive.
      Runtime.getRuntime().halt(0);
    }
  }

  static void serve(
      StudentClasses classes,
      DataInputStream in,
      Replies replies,
      ExitWatch exitWatch,
      OutputMarks marks)
      throws IOException {
    List<LayerContract> contracts = readContracts(in);
    try (StudentClasses.Loaded first = classes.load()) {
      List<Map<Member, String>> problems = new ArrayList<>();
      for (LayerContract contract : contracts) {
        problems.add(first.layer(contract).problems());
      }
      replies.send(out -> writeContractReports(problems, out));
    }
    while (true) {
      byte tag = in.readByte();
      if (tag == Protocol.RUN_CASE || tag == Protocol.GRADIENT_CHECK) {
        LayerContract contract = contracts.get(layerIndex(in, contracts));
        CaseCall.Inputs inputs = CaseCall.Inputs.read(in, contract);
        try (StudentClasses.Loaded loaded = classes.load()) {
          StudentLayer layer = loaded.layer(contract);
          if (tag == Protocol.RUN_CASE) {
            new CaseCall(layer, inputs, exitWatch).run(replies);
          } else {
            checkGradients(layer, inputs, replies, exitWatch);
          }
        }
      } else if (tag == Protocol.SECTION) {
        marks.write(Wire.readString(in));
        replies.send(out -> out.writeByte(Protocol.SECTION_MARKED));
      } else {
        return;
      }
    }
  }

  private static List<LayerContract> readContracts(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 1 || count > MAX_LAYERS) {
      throw new IOException("bad number of layers " + count);
    }
    List<LayerContract> contracts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      contracts.add(LayerContract.readFrom(in));
    }
    return contracts;
  }

  private static int layerIndex(DataInputStream in, List<LayerContract> contracts)
      throws IOException {
    int index = in.readInt();
    if (index < 0 || index >= contracts.size()) {
      throw new IOException("no layer " + index);
    }
    return index;
  }

  private static void checkGradients(
      StudentLayer layer, CaseCall.Inputs inputs, Replies replies, ExitWatch exitWatch)
      throws IOException {
    Backprop backprop = layer.contract().backprop();
    Member forward = Member.step(backprop.forward());
    Member backward = Member.step(backprop.backward());
    if (!layer.has(Member.CONSTRUCTOR) || !layer.has(forward) || !layer.has(backward)) {
      replies.send(out -> CaseCall.unavailable(out, backward));
      return;
    }
    GradientProbe.Gradients found;
    // An exit during the check is reported as one during forward, which the check calls most.
    exitWatch.calling(forward);
    try {
      found = new GradientProbe(layer, inputs).run();
    } catch (Throwable t) {
      exitWatch.calling(null);
      replies.send(out -> CaseCall.threw(out, t));
      return;
    }
    exitWatch.calling(null);
    Step backwardStep = layer.contract().stepOf(backprop.backward());
    replies.send(
        out -> {
          out.writeByte(Protocol.RETURNED);
          CaseCall.writeOutputs(out, backwardStep.result(), found.analytic());
          for (String gradient : backprop.gradients()) {
            Wire.writeArray(out, found.numerical().get(gradient), rankOf(layer, gradient));
          }
        });
  }

  /** The rank of a gradient, as backward returns it. */
  static int rankOf(StudentLayer layer, String gradient) {
    return layer.contract().gradientType(gradient).rank();
  }

  private static void writeContractReports(List<Map<Member, String>> reports, DataOutputStream out)
      throws IOException {
    for (Map<Member, String> problems : reports) {
      out.writeInt(problems.size());
      for (Map.Entry<Member, String> problem : problems.entrySet()) {
        Wire.writeString(out, problem.getKey().key());
        // The words may quote what student code threw while its class was loaded.
        Wire.writeString(out, Excerpt.cut(problem.getValue(), Excerpt.MESSAGE));
      }
    }
  }
}
