package dev.mayfly.issuer.iam.mfadevices;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.MfaCommands.CreateVirtualMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.DeactivateMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.DeleteVirtualMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.EnableMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.ResyncMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.TagMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.UntagMfaDevice;
import dev.mayfly.issuer.api.MfaDeviceRef;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.credentials.CredentialVault;
import dev.mayfly.issuer.credentials.Totp;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.AccountQuota;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.iam.RoleXml;
import dev.mayfly.issuer.iam.TagActions;
import dev.mayfly.issuer.iam.TagActions.Tagged;
import dev.mayfly.issuer.iam.UserXml;
import dev.mayfly.issuer.mfa.MfaVerifier.Sync;
import dev.mayfly.issuer.mfa.MfaVerifier;
import dev.mayfly.issuer.mfa.QrCodes;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.protocol.Tags;
import dev.mayfly.issuer.query.Views.MfaDeviceView;
import dev.mayfly.issuer.query.Views.UserView;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Virtual MFA devices: CreateVirtualMFADevice (the seed is shown once, in the response only, and sealed in the vault),
 * EnableMFADevice and ResyncMFADevice (two consecutive codes), DeactivateMFADevice, DeleteVirtualMFADevice,
 * ListMFADevices and ListVirtualMFADevices.
 */
public final class MfaDeviceActions implements ActionGroup {

    private static final String SERIAL_PATTERN = "[\\w+=/:,.@-]+";
    private static final String CODE_PATTERN = "[\\d]+";

    private final IamServices services;
    private final CredentialVault seeds;
    private final MfaVerifier verifier;

    public MfaDeviceActions(IamServices services, CredentialVault seeds, MfaVerifier verifier) {
        this.services = services;
        this.seeds = seeds;
        this.verifier = verifier;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new CreateVirtualMFADeviceAction(services, seeds),
                new EnableMFADeviceAction(services, verifier),
                new ResyncMFADeviceAction(services, verifier),
                new DeactivateMFADeviceAction(services),
                new DeleteVirtualMFADeviceAction(services, seeds),
                new ListMFADevicesAction(services),
                new ListVirtualMFADevicesAction(services),
                new TagActions.Tag("TagMFADevice", this::tagged, services),
                new TagActions.Untag("UntagMFADevice", this::tagged, services),
                new TagActions.ListTags("ListMFADeviceTags", this::tagged, services));
    }

    private Tagged tagged(ActionContext context, String iamAction) {
        MfaDeviceView device = find(services, context, iamAction);
        MfaDeviceRef ref = device.ref();
        return new Tagged(device.serialNumber(), device.accountId().value(), device.tags(), "AWS::IAM::MFADevice",
                tags -> new TagMfaDevice(ref, tags), keys -> new UntagMfaDevice(ref, keys));
    }

    /** CreateVirtualMFADevice. */
    static final class CreateVirtualMFADeviceAction extends IamAction {

        private final CredentialVault seeds;

        CreateVirtualMFADeviceAction(IamServices services, CredentialVault seeds) {
            super("CreateVirtualMFADevice", false, services);
            this.seeds = seeds;
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String name = QueryParameters.matching(context.parameters().required("VirtualMFADeviceName", "virtualMFADeviceName", 1, 226),
                    "virtualMFADeviceName", IamParameters.NAME_PATTERN);
            String path = IamParameters.path(context.parameters());
            String account = context.caller().accountId().value();
            String serial = "arn:aws:iam::" + account + ":mfa" + path + name;
            Map<String, String> tags = Tags.parse(context.parameters(), "InvalidInput");
            authorizeCreation(context, "iam:CreateVirtualMFADevice", "iam:TagMFADevice", serial, tags);
            AccountQuota.VIRTUAL_MFA_DEVICES.requireRoomForOneMore(directory, context.caller().accountId());
            String seed = Totp.newSeed();
            commands.sendAndWait(new CreateVirtualMfaDevice(new MfaDeviceRef(context.caller().accountId(), name), path, serial,
                    tags, context.now()));
            seeds.store(serial, account, seed);
            byte[] png = QrCodes.otpauthPng(name + "@" + account, seed);
            return new ActionResult(xml -> {
                xml.start("VirtualMFADevice").element("SerialNumber", serial)
                        .element("Base32StringSeed", Base64.getEncoder().encodeToString(seed.getBytes(StandardCharsets.US_ASCII)))
                        .element("QRCodePNG", Base64.getEncoder().encodeToString(png));
                RoleXml.tags(xml, tags);
                xml.end();
            },
                    Map.of("virtualMFADevice", Map.of("serialNumber", serial)), List.of(device(serial, account)));
        }
    }

    /** EnableMFADevice. */
    static final class EnableMFADeviceAction extends IamAction {

        private final MfaVerifier verifier;

        EnableMFADeviceAction(IamServices services, MfaVerifier verifier) {
            super("EnableMFADevice", false, services);
            this.verifier = verifier;
        }

        @Override
        public ActionResult execute(ActionContext context) {
            Request request = Request.of(context, true);
            UserView user = user(services, context, "iam:EnableMFADevice");
            MfaDeviceView device = deviceOrNotFound(verifier, context, request.serial());
            Sync sync = verifier.consecutive(device, user.userName(), request.code1(), request.code2(), context.now());
            commands.sendAndWait(new EnableMfaDevice(device.ref(), user.userName(), sync.step(), sync.driftSteps(), context.now()));
            return ActionResult.empty(List.of(userResource(user), device(device.serialNumber(), user.accountId().value())));
        }
    }

    /** ResyncMFADevice. */
    static final class ResyncMFADeviceAction extends IamAction {

        private final MfaVerifier verifier;

        ResyncMFADeviceAction(IamServices services, MfaVerifier verifier) {
            super("ResyncMFADevice", false, services);
            this.verifier = verifier;
        }

        @Override
        public ActionResult execute(ActionContext context) {
            Request request = Request.of(context, true);
            UserView user = user(services, context, "iam:ResyncMFADevice");
            MfaDeviceView device = assignedTo(verifier, context, request.serial(), user);
            Sync sync = verifier.consecutive(device, user.userName(), request.code1(), request.code2(), context.now());
            commands.sendAndWait(new ResyncMfaDevice(device.ref(), user.userName(), sync.step(), sync.driftSteps(),
                    context.now()));
            return ActionResult.empty(List.of(userResource(user)));
        }
    }

    /** DeactivateMFADevice. */
    static final class DeactivateMFADeviceAction extends IamAction {

        DeactivateMFADeviceAction(IamServices services) {
            super("DeactivateMFADevice", false, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            Request request = Request.of(context, false);
            UserView user = user(services, context, "iam:DeactivateMFADevice");
            MfaDeviceView device = directory.mfaDevicesOf(new UserRef(user.accountId(), user.userName())).stream()
                    .filter(d -> d.serialNumber().equals(request.serial())).findFirst()
                    .orElseThrow(() -> notAssigned(request.serial(), user));
            commands.sendAndWait(new DeactivateMfaDevice(device.ref(), user.userName()));
            return ActionResult.empty(List.of(userResource(user)));
        }
    }

    /** DeleteVirtualMFADevice. */
    static final class DeleteVirtualMFADeviceAction extends IamAction {

        private final CredentialVault seeds;

        DeleteVirtualMFADeviceAction(IamServices services, CredentialVault seeds) {
            super("DeleteVirtualMFADevice", false, services);
            this.seeds = seeds;
        }

        @Override
        public ActionResult execute(ActionContext context) {
            MfaDeviceView device = find(services, context, "iam:DeleteVirtualMFADevice");
            commands.sendAndWait(new DeleteVirtualMfaDevice(device.ref()));
            seeds.delete(device.serialNumber());
            return ActionResult.empty(List.of(device(device.serialNumber(), device.accountId().value())));
        }
    }

    /** ListMFADevices. */
    static final class ListMFADevicesAction extends IamAction {

        ListMFADevicesAction(IamServices services) {
            super("ListMFADevices", true, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String userName = IamParameters.userNameOrCaller(context.parameters(), context.caller());
            UserView user = ExistingResource.user(services.directory(), services.authorizer(), context, "iam:ListMFADevices", userName);
            Pages<MfaDeviceView> page = Pages.of(directory.mfaDevicesOf(new UserRef(user.accountId(), user.userName())),
                    context.parameters());
            return new ActionResult(xml -> page.write(xml, "MFADevices", (member, d) -> member.element("UserName", user.userName())
                    .element("SerialNumber", d.serialNumber()).element("EnableDate", d.enabledAt())), null, List.of(userResource(user)));
        }
    }

    /** ListVirtualMFADevices. */
    static final class ListVirtualMFADevicesAction extends IamAction {

        ListVirtualMFADevicesAction(IamServices services) {
            super("ListVirtualMFADevices", true, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String status = QueryParameters.matching(context.parameters().optional("AssignmentStatus", "assignmentStatus", 1, 10, "Any"),
                    "assignmentStatus", "Assigned|Unassigned|Any");
            authorizer.authorize(context.caller(), "iam:ListVirtualMFADevices", "*", context.conditionKeys());
            List<MfaDeviceView> devices = directory.mfaDevicesIn(context.caller().accountId()).stream()
                    .filter(d -> status.equals("Any") || (d.userName() != null) == status.equals("Assigned")).toList();
            Pages<MfaDeviceView> page = Pages.of(devices, context.parameters());
            return new ActionResult(xml -> page.write(xml, "VirtualMFADevices", (member, d) -> {
                member.element("SerialNumber", d.serialNumber());
                if (d.userName() != null) {
                    directory.user(new UserRef(d.accountId(), d.userName())).ifPresent(u -> {
                        member.start("User");
                        UserXml.fields(member, u);
                        member.end();
                    });
                    member.element("EnableDate", d.enabledAt());
                }
                RoleXml.tags(member, d.tags());
            }), null, List.of());
        }
    }

    /** The parameters of Enable, Resync (serial number and two codes) and Deactivate (serial number). */
    private record Request(String serial, String code1, String code2) {
        static Request of(ActionContext context, boolean withCodes) {
            String serial = MfaDeviceActions.serial(context.parameters());
            if (!withCodes) {
                return new Request(serial, null, null);
            }
            return new Request(serial, code(context, "AuthenticationCode1", "authenticationCode1"),
                    code(context, "AuthenticationCode2", "authenticationCode2"));
        }

        private static String code(ActionContext context, String name, String field) {
            return QueryParameters.matching(context.parameters().required(name, field, 6, 6), field, CODE_PATTERN);
        }
    }

    private static String serial(QueryParameters parameters) {
        return QueryParameters.matching(parameters.required("SerialNumber", "serialNumber", 9, 256), "serialNumber", SERIAL_PATTERN);
    }

    private static UserView user(IamServices services, ActionContext context, String action) {
        return ExistingResource.user(services.directory(), services.authorizer(), context, action,
                IamParameters.userName(context.parameters()));
    }

    private static MfaDeviceView deviceOrNotFound(MfaVerifier verifier, ActionContext context, String serial) {
        return verifier.device(context.caller().accountId(), serial)
                .orElseThrow(() -> IamErrors.noSuchEntity("VirtualMFADevice with serial number " + serial + " doesn't exist."));
    }

    private static MfaDeviceView assignedTo(MfaVerifier verifier, ActionContext context, String serial, UserView user) {
        return verifier.device(context.caller().accountId(), serial)
                .filter(d -> d.userName() != null && d.userName().equalsIgnoreCase(user.userName()))
                .orElseThrow(() -> notAssigned(serial, user));
    }

    private static dev.mayfly.runtime.AwsServiceException notAssigned(String serial, UserView user) {
        return IamErrors.noSuchEntity("MFA Device with serial number " + serial + " does not exist for user " + user.userName() + ".");
    }

    /** Authorizes against the device's serial number (its ARN), then finds it in the caller's account. */
    static MfaDeviceView find(IamServices services, ActionContext context, String action) {
        String serial = serial(context.parameters());
        services.authorizer().authorize(context.caller(), action, serial, context.conditionKeys());
        return services.directory().mfaDevicesIn(context.caller().accountId()).stream()
                .filter(d -> d.serialNumber().equals(serial)).findFirst()
                .orElseThrow(() -> IamErrors.noSuchEntity("VirtualMFADevice with serial number " + serial + " doesn't exist."));
    }

    private static Resource device(String serial, String account) {
        return new Resource(serial, account, "AWS::IAM::MFADevice");
    }

    private static Resource userResource(UserView user) {
        return new Resource(user.arn(), user.accountId().value(), "AWS::IAM::User");
    }
}
