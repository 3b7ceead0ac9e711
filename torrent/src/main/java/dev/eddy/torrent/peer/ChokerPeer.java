package dev.eddy.torrent.peer;

/**
 * What the {@link Choker} needs to know about a connected peer. The engine's peer implements it;
 * each call answers for the moment of the choker's evaluation.
 */
public interface ChokerPeer {

    /** {@return the rate at which it sends us piece data, in bytes per second} */
    double downloadRate();

    /** {@return the rate at which we send it piece data, in bytes per second} */
    double uploadRate();

    /** {@return whether it is interested in what we have} */
    boolean isInterested();

    /** {@return whether we are choking it} */
    boolean amChoking();

    /** {@return the loop time (nanoseconds) its connection was established} */
    long connectedAt();
}
