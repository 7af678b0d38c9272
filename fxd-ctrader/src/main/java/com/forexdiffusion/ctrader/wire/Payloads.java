package com.forexdiffusion.ctrader.wire;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.xtrader.protocol.openapi.v2.ProtoOAAccountAuthReq;
import com.xtrader.protocol.openapi.v2.ProtoOAAccountAuthRes;
import com.xtrader.protocol.openapi.v2.ProtoOAAccountsTokenInvalidatedEvent;
import com.xtrader.protocol.openapi.v2.ProtoOAApplicationAuthReq;
import com.xtrader.protocol.openapi.v2.ProtoOAApplicationAuthRes;
import com.xtrader.protocol.openapi.v2.ProtoOAClientDisconnectEvent;
import com.xtrader.protocol.openapi.v2.ProtoOAErrorRes;
import com.xtrader.protocol.openapi.v2.ProtoOAGetAccountListByAccessTokenReq;
import com.xtrader.protocol.openapi.v2.ProtoOAGetAccountListByAccessTokenRes;
import com.xtrader.protocol.openapi.v2.ProtoOAGetTrendbarsReq;
import com.xtrader.protocol.openapi.v2.ProtoOAGetTrendbarsRes;
import com.xtrader.protocol.openapi.v2.ProtoOARefreshTokenReq;
import com.xtrader.protocol.openapi.v2.ProtoOARefreshTokenRes;
import com.xtrader.protocol.openapi.v2.ProtoOASpotEvent;
import com.xtrader.protocol.openapi.v2.ProtoOASubscribeLiveTrendbarReq;
import com.xtrader.protocol.openapi.v2.ProtoOASubscribeLiveTrendbarRes;
import com.xtrader.protocol.openapi.v2.ProtoOASubscribeSpotsReq;
import com.xtrader.protocol.openapi.v2.ProtoOASubscribeSpotsRes;
import com.xtrader.protocol.openapi.v2.ProtoOASymbolsListReq;
import com.xtrader.protocol.openapi.v2.ProtoOASymbolsListRes;
import com.xtrader.protocol.openapi.v2.ProtoOAVersionReq;
import com.xtrader.protocol.openapi.v2.ProtoOAVersionRes;
import com.xtrader.protocol.openapi.v2.model.ProtoOAPayloadType;
import com.xtrader.protocol.proto.commons.ProtoErrorRes;
import com.xtrader.protocol.proto.commons.ProtoHeartbeatEvent;
import com.xtrader.protocol.proto.commons.ProtoMessage;
import com.xtrader.protocol.proto.commons.model.ProtoPayloadType;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Wraps the Open API messages into {@link ProtoMessage} envelopes and unwraps them by payload type. Every message
 * carries its own type as the default of its field 1, so wrapping needs no table; unwrapping does.
 */
public final class Payloads {
    private static final Map<Integer, Parser<? extends Message>> PARSERS = new HashMap<>();

    static {
        put(ProtoPayloadType.ERROR_RES_VALUE, ProtoErrorRes.parser());
        put(ProtoPayloadType.HEARTBEAT_EVENT_VALUE, ProtoHeartbeatEvent.parser());
        put(ProtoOAPayloadType.PROTO_OA_APPLICATION_AUTH_REQ_VALUE, ProtoOAApplicationAuthReq.parser());
        put(ProtoOAPayloadType.PROTO_OA_APPLICATION_AUTH_RES_VALUE, ProtoOAApplicationAuthRes.parser());
        put(ProtoOAPayloadType.PROTO_OA_ACCOUNT_AUTH_REQ_VALUE, ProtoOAAccountAuthReq.parser());
        put(ProtoOAPayloadType.PROTO_OA_ACCOUNT_AUTH_RES_VALUE, ProtoOAAccountAuthRes.parser());
        put(ProtoOAPayloadType.PROTO_OA_VERSION_REQ_VALUE, ProtoOAVersionReq.parser());
        put(ProtoOAPayloadType.PROTO_OA_VERSION_RES_VALUE, ProtoOAVersionRes.parser());
        put(ProtoOAPayloadType.PROTO_OA_SYMBOLS_LIST_REQ_VALUE, ProtoOASymbolsListReq.parser());
        put(ProtoOAPayloadType.PROTO_OA_SYMBOLS_LIST_RES_VALUE, ProtoOASymbolsListRes.parser());
        put(ProtoOAPayloadType.PROTO_OA_SUBSCRIBE_SPOTS_REQ_VALUE, ProtoOASubscribeSpotsReq.parser());
        put(ProtoOAPayloadType.PROTO_OA_SUBSCRIBE_SPOTS_RES_VALUE, ProtoOASubscribeSpotsRes.parser());
        put(ProtoOAPayloadType.PROTO_OA_SPOT_EVENT_VALUE, ProtoOASpotEvent.parser());
        put(ProtoOAPayloadType.PROTO_OA_SUBSCRIBE_LIVE_TRENDBAR_REQ_VALUE, ProtoOASubscribeLiveTrendbarReq.parser());
        put(ProtoOAPayloadType.PROTO_OA_SUBSCRIBE_LIVE_TRENDBAR_RES_VALUE, ProtoOASubscribeLiveTrendbarRes.parser());
        put(ProtoOAPayloadType.PROTO_OA_GET_TRENDBARS_REQ_VALUE, ProtoOAGetTrendbarsReq.parser());
        put(ProtoOAPayloadType.PROTO_OA_GET_TRENDBARS_RES_VALUE, ProtoOAGetTrendbarsRes.parser());
        put(ProtoOAPayloadType.PROTO_OA_ERROR_RES_VALUE, ProtoOAErrorRes.parser());
        put(ProtoOAPayloadType.PROTO_OA_GET_ACCOUNTS_BY_ACCESS_TOKEN_REQ_VALUE,
                ProtoOAGetAccountListByAccessTokenReq.parser());
        put(ProtoOAPayloadType.PROTO_OA_GET_ACCOUNTS_BY_ACCESS_TOKEN_RES_VALUE,
                ProtoOAGetAccountListByAccessTokenRes.parser());
        put(ProtoOAPayloadType.PROTO_OA_REFRESH_TOKEN_REQ_VALUE, ProtoOARefreshTokenReq.parser());
        put(ProtoOAPayloadType.PROTO_OA_REFRESH_TOKEN_RES_VALUE, ProtoOARefreshTokenRes.parser());
        put(ProtoOAPayloadType.PROTO_OA_CLIENT_DISCONNECT_EVENT_VALUE, ProtoOAClientDisconnectEvent.parser());
        put(ProtoOAPayloadType.PROTO_OA_ACCOUNTS_TOKEN_INVALIDATED_EVENT_VALUE,
                ProtoOAAccountsTokenInvalidatedEvent.parser());
    }

    private Payloads() {
    }

    private static void put(int type, Parser<? extends Message> parser) {
        PARSERS.put(type, parser);
    }

    /** The payload type a message declares (the default of its {@code payloadType} field). */
    public static int typeOf(Message payload) {
        FieldDescriptor f = payload.getDescriptorForType().findFieldByName("payloadType");
        if (f == null) {
            throw new IllegalArgumentException(payload.getDescriptorForType().getName() + " has no payloadType");
        }
        return ((EnumValueDescriptor) payload.getField(f)).getNumber();
    }

    /** The envelope of {@code payload}; {@code clientMsgId} may be null (events). */
    public static ProtoMessage wrap(Message payload, String clientMsgId) {
        ProtoMessage.Builder b = ProtoMessage.newBuilder().setPayloadType(typeOf(payload))
                .setPayload(payload.toByteString());
        if (clientMsgId != null) {
            b.setClientMsgId(clientMsgId);
        }
        return b.build();
    }

    /**
     * The payload of an envelope: empty for a type the protocol defines but this client does not use.
     *
     * @throws BadFrameException for a type the protocol does not define, or a payload that does not parse
     */
    public static Optional<Message> unwrap(ProtoMessage message) throws BadFrameException {
        int type = message.getPayloadType();
        Parser<? extends Message> parser = PARSERS.get(type);
        if (parser == null) {
            if (ProtoOAPayloadType.forNumber(type) != null || ProtoPayloadType.forNumber(type) != null) {
                return Optional.empty();
            }
            throw new BadFrameException("unknown payload type " + type);
        }
        try {
            return Optional.of(parser.parseFrom(message.getPayload()));
        } catch (InvalidProtocolBufferException e) {
            throw new BadFrameException("a payload of type " + type + " does not parse (" + e.getMessage() + ")", e);
        }
    }
}
