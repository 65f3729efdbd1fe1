package dev.ferrum.drivers.base;

import dev.ferrum.conductor.Task;

/** Gets a ramdisk or an instance booted: PXE/iPXE configuration, virtual media, ... */
public interface BootInterface extends DriverInterface {
    @Override
    default String type() {
        return "boot";
    }

    /** @param mode deploy, rescue or cleaning */
    void prepareRamdisk(Task task, String mode);

    void cleanUpRamdisk(Task task, String mode);

    void prepareInstance(Task task);

    void cleanUpInstance(Task task);
}
