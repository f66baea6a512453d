import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'sanfang:public';

/** No bearer token needed (login, health, the ack page's own token). Read by auth's guard. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
