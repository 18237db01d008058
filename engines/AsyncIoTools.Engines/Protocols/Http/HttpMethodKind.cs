namespace AsyncIoTools.Engines.Protocols.Http;

public enum HttpMethodKind
{
    Get,
    Head,
    Other,
}
