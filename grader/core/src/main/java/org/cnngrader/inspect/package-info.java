/**
 * A static check of a submission's compiled classes, made before they are run: {@link
 * org.cnngrader.inspect.StaticScanner} lists the uses of JDK members that a convolution layer has
 * no reason to make (ending the JVM, processes, network, files, reflection, threads), and a {@link
 * org.cnngrader.inspect.Policy} says what each kind of use costs.
 *
 * <p>This is an extra layer, not the barrier: the child JVM that runs the submission is what
 * contains it. A scan of bytecode cannot see everything (a class name built at run time, a use
 * hidden behind a harmless-looking library call), so its findings are evidence to show, never a
 * proof that code is safe.
 */
package org.cnngrader.inspect;
